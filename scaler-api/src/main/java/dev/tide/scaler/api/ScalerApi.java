package dev.tide.scaler.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of this SPI. A plugin jar declares the SPI version it was built against in its manifest attribute
 * {@value #MANIFEST_ATTRIBUTE}; the host loads it only when the major versions match and the plugin's minor
 * version is not newer than the host's.
 */
public final class ScalerApi {

    /** The manifest attribute a plugin jar declares its SPI version in, e.g. {@code 1.0}. */
    public static final String MANIFEST_ATTRIBUTE = "Tide-Scaler-Api-Version";

    private static final ApiVersion VERSION = readVersion();

    private ScalerApi() {
    }

    /** The SPI version of this host, from the build ({@code tide.scaler-api.version}). */
    public static ApiVersion version() {
        return VERSION;
    }

    private static ApiVersion readVersion() {
        try (InputStream in = ScalerApi.class.getResourceAsStream("scaler-api.properties")) {
            if (in == null) {
                throw new IllegalStateException("scaler-api.properties is missing from the scaler-api jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return ApiVersion.parse(properties.getProperty("version"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code major.minor} SPI version. */
    public record ApiVersion(int major, int minor) {

        public static ApiVersion parse(String text) {
            if (text == null) {
                throw new IllegalArgumentException("no SPI version given");
            }
            String[] parts = text.trim().split("\\.");
            try {
                return new ApiVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("SPI version \"" + text.trim() + "\" is not of the form major.minor", e);
            }
        }

        /** Whether a plugin built against {@code pluginVersion} runs on this host version. */
        public boolean accepts(ApiVersion pluginVersion) {
            return pluginVersion.major == major && pluginVersion.minor <= minor;
        }

        @Override
        public String toString() {
            return major + "." + minor;
        }
    }
}
