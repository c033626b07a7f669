package dev.tide.controller.fixtureleft;

import dev.tide.controller.fixtureright.RightPackageUsingLeft;

/** Fixture that breaks the cycle rule, with {@link RightPackageUsingLeft}: two controller packages use each other. */
public final class LeftPackageUsingRight {

    public RightPackageUsingLeft right() {
        return new RightPackageUsingLeft();
    }
}
