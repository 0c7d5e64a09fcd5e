/*
 * Anshin device collector (first-party; docs/devices.md).
 *
 * Reads the EMV 3-D Secure browser fields and a few fingerprint signals, posts them to this site's
 * own /device/observations (nothing goes anywhere else), and hands back the observation's reference
 * for a form to carry. No cookie, no storage, no third party.
 *
 *   <script src="/device/collector.js" defer></script>
 *   <input type="hidden" name="deviceObservation" data-anshin-device>
 *
 * Every input with data-anshin-device is filled when the page has loaded, all with the reference of one
 * observation (an "anshin-device" event follows on each input). Or by hand:
 *
 *   AnshinDevice.collect().then(function (ref) { ... });   // ref: a string, or null if it failed
 *
 * A failure never blocks the form: the reference is then simply missing.
 */
(function (global) {
    'use strict';

    var ENDPOINT = '/device/observations';
    var COLOR_DEPTHS = [1, 4, 8, 15, 16, 24, 30, 32, 48];
    var FONTS = ['Arial', 'Arial Black', 'Calibri', 'Cambria', 'Century', 'Century Gothic', 'Comic Sans MS',
        'Consolas', 'Courier New', 'Georgia', 'Helvetica', 'Helvetica Neue', 'Impact', 'Lucida Console',
        'Menlo', 'Monaco', 'Segoe UI', 'Tahoma', 'Times New Roman', 'Trebuchet MS', 'Verdana',
        'Meiryo', 'Meiryo UI', 'MS Gothic', 'MS PGothic', 'MS Mincho', 'MS UI Gothic', 'Yu Gothic', 'Yu Mincho',
        'YuGothic', 'YuMincho', 'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Hiragino Mincho ProN', 'Osaka',
        'BIZ UDGothic', 'BIZ UDMincho', 'Noto Sans CJK JP', 'Noto Sans JP', 'Noto Serif CJK JP',
        'Source Han Sans', 'Kozuka Gothic Pr6N', 'Roboto', 'Ubuntu', 'DejaVu Sans', 'Liberation Sans',
        'Myriad Pro', 'Minion Pro', 'Adobe Garamond Pro', 'Fira Code', 'Cascadia Code', 'Bahnschrift'];
    var BASES = ['monospace', 'sans-serif', 'serif'];

    /* A 53-bit string hash (cyrb53), as 14 hex digits: only equality matters, the server keys it again. */
    function hash(text) {
        var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
        for (var i = 0; i < text.length; i++) {
            var ch = text.charCodeAt(i);
            h1 = Math.imul(h1 ^ ch, 2654435761);
            h2 = Math.imul(h2 ^ ch, 1597334677);
        }
        h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
        h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
        var value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
        return ('00000000000000' + value.toString(16)).slice(-14);
    }

    function attempt(read) {
        try {
            var value = read();
            return value === undefined ? null : value;
        } catch (e) {
            return null;
        }
    }

    function text(value, max) {
        return typeof value === 'string' && value.length > 0 ? value.slice(0, max) : null;
    }

    function whole(value) {
        return typeof value === 'number' && isFinite(value) ? Math.round(value) : null;
    }

    function canvasHash() {
        var canvas = document.createElement('canvas');
        canvas.width = 240;
        canvas.height = 60;
        var ctx = canvas.getContext('2d');
        if (!ctx) {
            return null;
        }
        ctx.textBaseline = 'top';
        ctx.font = '14px "Arial"';
        ctx.fillStyle = '#f60';
        ctx.fillRect(100, 1, 62, 20);
        ctx.fillStyle = '#069';
        ctx.fillText('Anshin 安心 \u2603 1.0', 2, 15);
        ctx.fillStyle = 'rgba(102, 204, 0, 0.7)';
        ctx.fillText('Anshin 安心 \u2603 1.0', 4, 17);
        ctx.beginPath();
        ctx.arc(50, 30, 20, 0, Math.PI * 2, true);
        ctx.closePath();
        ctx.fill();
        return hash(canvas.toDataURL());
    }

    function webgl() {
        var canvas = document.createElement('canvas');
        var gl = canvas.getContext('webgl') || canvas.getContext('experimental-webgl');
        if (!gl) {
            return {};
        }
        var info = gl.getExtension('WEBGL_debug_renderer_info');
        var names = ['MAX_TEXTURE_SIZE', 'MAX_RENDERBUFFER_SIZE', 'MAX_VIEWPORT_DIMS', 'ALIASED_LINE_WIDTH_RANGE',
            'ALIASED_POINT_SIZE_RANGE', 'MAX_VERTEX_ATTRIBS', 'MAX_VERTEX_UNIFORM_VECTORS',
            'MAX_FRAGMENT_UNIFORM_VECTORS', 'MAX_VARYING_VECTORS', 'MAX_COMBINED_TEXTURE_IMAGE_UNITS',
            'MAX_TEXTURE_IMAGE_UNITS', 'MAX_CUBE_MAP_TEXTURE_SIZE', 'SHADING_LANGUAGE_VERSION', 'VERSION'];
        var parameters = names.map(function (name) {
            var value = attempt(function () { return gl.getParameter(gl[name]); });
            return name + '=' + (value && value.length !== undefined && typeof value !== 'string'
                ? Array.prototype.join.call(value, ',') : String(value));
        });
        parameters.push((gl.getSupportedExtensions() || []).slice().sort().join(','));
        return {
            vendor: text(attempt(function () { return gl.getParameter(info ? info.UNMASKED_VENDOR_WEBGL : gl.VENDOR); }), 256),
            renderer: text(attempt(function () { return gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER); }), 256),
            parameters: hash(parameters.join(';'))
        };
    }

    function audioHash() {
        return new Promise(function (resolve) {
            var Context = global.OfflineAudioContext || global.webkitOfflineAudioContext;
            if (!Context) {
                resolve(null);
                return;
            }
            var done = false;
            var timer = setTimeout(function () { done = true; resolve(null); }, 1000);
            try {
                var context = new Context(1, 5000, 44100);
                var oscillator = context.createOscillator();
                oscillator.type = 'triangle';
                oscillator.frequency.value = 10000;
                var compressor = context.createDynamicsCompressor();
                compressor.threshold.value = -50;
                compressor.knee.value = 40;
                compressor.ratio.value = 12;
                compressor.attack.value = 0;
                compressor.release.value = 0.25;
                oscillator.connect(compressor);
                compressor.connect(context.destination);
                oscillator.start(0);
                context.oncomplete = function (event) {
                    if (done) {
                        return;
                    }
                    done = true;
                    clearTimeout(timer);
                    var samples = event.renderedBuffer.getChannelData(0);
                    var sum = 0;
                    for (var i = 4500; i < samples.length; i++) {
                        sum += Math.abs(samples[i]);
                    }
                    resolve(hash(sum.toString()));
                };
                context.startRendering();
            } catch (e) {
                done = true;
                clearTimeout(timer);
                resolve(null);
            }
        });
    }

    /* Which of the probe fonts are installed: a text drawn in the font differs in width from the fallback's. */
    function fonts() {
        var ctx = document.createElement('canvas').getContext('2d');
        if (!ctx) {
            return null;
        }
        var sample = 'mmmmmmmmmmlli 永和安心 0123';
        var base = {};
        BASES.forEach(function (family) {
            ctx.font = '72px ' + family;
            base[family] = ctx.measureText(sample).width;
        });
        return FONTS.filter(function (font) {
            return BASES.some(function (family) {
                ctx.font = '72px "' + font + '", ' + family;
                return ctx.measureText(sample).width !== base[family];
            });
        });
    }

    function colorDepth() {
        var depth = whole(global.screen.colorDepth) || 24;
        var chosen = 1;
        COLOR_DEPTHS.forEach(function (allowed) {
            if (allowed <= depth) {
                chosen = allowed;
            }
        });
        return chosen;
    }

    function languageTag(value) {
        return typeof value === 'string' && /^[A-Za-z0-9-]{1,35}$/.test(value) ? value : null;
    }

    function observation(audio) {
        var nav = global.navigator;
        var gl = attempt(webgl) || {};
        var zone = attempt(function () { return Intl.DateTimeFormat().resolvedOptions().timeZone; });
        var languages = nav.languages === undefined || nav.languages === null ? null
            : Array.prototype.slice.call(nav.languages, 0, 20).map(languageTag).filter(Boolean);
        var memory = typeof nav.deviceMemory === 'number' && nav.deviceMemory > 0 ? nav.deviceMemory : null;
        var ratio = typeof global.devicePixelRatio === 'number' && global.devicePixelRatio > 0
            ? global.devicePixelRatio : null;
        return {
            browser: {
                browserJavaEnabled: !!attempt(function () { return nav.javaEnabled && nav.javaEnabled(); }),
                browserJavascriptEnabled: true,
                browserLanguage: languageTag(nav.language) || 'und',
                browserColorDepth: colorDepth(),
                browserScreenHeight: Math.max(1, whole(global.screen.height) || 1),
                browserScreenWidth: Math.max(1, whole(global.screen.width) || 1),
                browserTZ: new Date().getTimezoneOffset(),
                browserUserAgent: (nav.userAgent || 'unknown').slice(0, 512)
            },
            signals: {
                canvas: attempt(canvasHash),
                webglVendor: gl.vendor || null,
                webglRenderer: gl.renderer || null,
                webglParameters: gl.parameters || null,
                audio: audio,
                fonts: attempt(fonts),
                availWidth: whole(global.screen.availWidth),
                availHeight: whole(global.screen.availHeight),
                pixelRatio: ratio,
                timezone: typeof zone === 'string' && /^[A-Za-z0-9_+\/-]{1,64}$/.test(zone) ? zone : null,
                languages: languages,
                platform: text(nav.platform, 64),
                hardwareConcurrency: whole(nav.hardwareConcurrency) > 0 ? whole(nav.hardwareConcurrency) : null,
                deviceMemory: memory,
                maxTouchPoints: whole(nav.maxTouchPoints),
                webdriver: nav.webdriver === true,
                plugins: nav.plugins ? nav.plugins.length : null,
                outerWidth: whole(global.outerWidth),
                outerHeight: whole(global.outerHeight)
            }
        };
    }

    /* Collects, posts and resolves with the observation's reference (null when anything failed). */
    function collect() {
        return audioHash().then(function (audio) {
            return fetch(ENDPOINT, {
                method: 'POST',
                credentials: 'same-origin',
                headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
                body: JSON.stringify(observation(audio))
            });
        }).then(function (response) {
            return response.ok ? response.json() : null;
        }).then(function (answer) {
            return answer && typeof answer.observation === 'string' ? answer.observation : null;
        }).catch(function () {
            return null;
        });
    }

    function put(input, ref) {
        input.value = ref || '';
        input.dispatchEvent(new CustomEvent('anshin-device', {bubbles: true, detail: ref}));
        return ref;
    }

    /* Fills the input with a fresh reference and tells the page ("anshin-device" event, detail: the reference). */
    function fill(input) {
        return collect().then(function (ref) {
            return put(input, ref);
        });
    }

    /* One observation per page, however many fields carry it: the page is one visit of one browser. */
    function fillAll() {
        var inputs = document.querySelectorAll('input[data-anshin-device]');
        if (inputs.length === 0) {
            return;
        }
        collect().then(function (ref) {
            Array.prototype.forEach.call(inputs, function (input) {
                put(input, ref);
            });
        });
    }

    global.AnshinDevice = {collect: collect, fill: fill};
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', fillAll);
    } else {
        fillAll();
    }
})(window);
