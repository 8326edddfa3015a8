package com.custodian.base.ui;

import java.util.Optional;

/**
 * A count a feature shows next to its menu entry (open data requests), without the layout knowing
 * the feature.
 */
public interface MenuBadge {

    /** The route path it belongs to, as in the view's {@code @Route}. */
    String path();

    /** The text of the badge for the signed-in user, if any. */
    Optional<String> text();
}
