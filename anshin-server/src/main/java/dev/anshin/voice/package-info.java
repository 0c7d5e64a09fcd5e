/**
 * The voice of the customer (issue 17; the first seed issuer's お客様の声, handled to JIS Q 10002):
 * feedback from every channel (the call-center and store systems' API, the portal's and the public
 * opinion forms, staff entry at the counter, CSV exports of the call center) is redacted, understood
 * in Japanese (kuromoji tokens, a trained classifier for kind, topics and sentiment), routed to the
 * department that owns its topic, corrected by staff (the corrections retrain the model), watched for
 * surges, and reviewed monthly per department and for the company with countermeasures followed up.
 * The original text is personal data: sealed through the privacy module, read only for the purposes
 * that allow it, erased with the customer. Everything shown to staff is the redacted text.
 */
@ApplicationModule(displayName = "Voice of the customer",
        allowedDependencies = {"privacy", "portal", "audit", "notifications", "access", "problems", "site", "keys"})
package dev.anshin.voice;

import org.springframework.modulith.ApplicationModule;
