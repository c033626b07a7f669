package dev.tide.scaler.kafka;

/**
 * Kafka 4 fetches OAuth tokens (and JWKS) only from URLs listed in a JVM system property; test classes allow theirs
 * in {@code @BeforeAll} and put the previous value back in {@code @AfterAll}.
 */
final class AllowedOAuthUrls {

    private static String previous;

    private AllowedOAuthUrls() {
    }

    static void allow(String urls) {
        previous = System.getProperty(ClientProperties.ALLOWED_OAUTH_URLS);
        System.setProperty(ClientProperties.ALLOWED_OAUTH_URLS, urls);
    }

    static void restore() {
        if (previous == null) {
            System.clearProperty(ClientProperties.ALLOWED_OAUTH_URLS);
        } else {
            System.setProperty(ClientProperties.ALLOWED_OAUTH_URLS, previous);
        }
    }
}
