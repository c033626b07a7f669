package dev.tide.controller.fixtureright;

import dev.tide.controller.fixtureleft.LeftPackageUsingRight;

/** Fixture that breaks the cycle rule, with {@link LeftPackageUsingRight}: two controller packages use each other. */
public final class RightPackageUsingLeft {

    public LeftPackageUsingRight left() {
        return new LeftPackageUsingRight();
    }
}
