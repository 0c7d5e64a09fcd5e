// Lighthouse on many pages with one Chromium: what LighthouseIntegrationTest runs.
//
//   node audit-pages.mjs jobs.json
//
// jobs.json: {"chromePath": "/usr/bin/chromium", "chromeFlags": ["--headless", ...], "profiles": "/tmp/dir",
//             "categories": ["accessibility", "best-practices"],
//             "pages": [{"url": "http://…", "headers": {"Cookie": "…"}, "output": "/abs/report.json"}, …]}
//
// Each page gets the same audit as the CLI's default (phone emulation) and its JSON report written to
// its output path; a page that fails to audit gets {"runtimeError": "…"} there instead, and the others
// still run. Starting Node once for all pages, and Chromium once for the pages of one session, not once
// a page, is most of the time saved. Pages fetched with other headers (another session's cookie) get a
// Chromium of their own, with a profile of their own under "profiles": a cookie one page's visit left in
// the browser would be sent with the next page's and stand for another session.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const jobs = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const groups = new Map();
for (const page of jobs.pages) {
  const key = JSON.stringify(page.headers || {});
  groups.set(key, [...(groups.get(key) || []), page]);
}
let n = 0;
for (const pages of groups.values()) {
  const chrome = await chromeLauncher.launch({
    chromePath: jobs.chromePath,
    chromeFlags: [...jobs.chromeFlags, `--user-data-dir=${jobs.profiles}/${n++}`],
  });
  try {
    for (const page of pages) {
      const started = Date.now();
      try {
        const result = await lighthouse(page.url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: jobs.categories,
          extraHeaders: page.headers && Object.keys(page.headers).length ? page.headers : undefined,
        });
        fs.writeFileSync(page.output, result.report);
      } catch (e) {
        fs.writeFileSync(page.output, JSON.stringify({runtimeError: String(e && e.stack || e)}));
      }
      console.log(`audited ${page.url.replace(/^https?:\/\/[^/]+/, '')} in ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await chrome.kill();
  }
}
