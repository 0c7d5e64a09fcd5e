/**
 * The support window (issue 14; the seed issuer's video counter for customers who cannot use the
 * phone): a cardholder books a call-back or a video consultation in a slot of the opening hours from
 * the portal, moves or cancels it, and is reminded the day before and shortly before through the
 * notifications module's channel; customer service serves the bookings from a staff page (the
 * caller's phone read through the privacy module at serve time, never copied here; the video call a
 * link to the issuer's own conferencing tool). Capacity is counted in the database, so concurrent
 * bookings never overfill a slot.
 */
@ApplicationModule(displayName = "Support window",
        allowedDependencies = {"privacy", "portal", "audit", "notifications", "access", "problems", "site"})
package dev.anshin.support;

import org.springframework.modulith.ApplicationModule;
