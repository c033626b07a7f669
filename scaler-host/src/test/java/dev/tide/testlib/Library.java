package dev.tide.testlib;

/**
 * A "library" on the host's class path. Test plugins bundle their own class of this very name: a plugin must
 * see its own copy, never this one, as a plugin's Jackson must never meet the host's.
 */
public final class Library {

    private Library() {
    }

    public static String origin() {
        return "host";
    }
}
