package dev.tide.scaler.kafka;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an MSK IAM token the way AWS's service does, by AWS's published SigV4 algorithm (not the SDK): the token is
 * the base64url of a presigned {@code GET https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect&...}
 * whose {@code X-Amz-Signature} must equal the one recomputed from the secret key.
 */
final class SigV4Check {

    private SigV4Check() {
    }

    /** The presigned URL inside a token. */
    static URI url(String token) {
        return URI.create(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
    }

    static Map<String, String> query(URI url) {
        Map<String, String> query = new TreeMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** SigV4 for a presigned GET with only the host header signed and an empty body. */
    static String expectedSignature(Map<String, String> query, String region, String secretKey)
            throws GeneralSecurityException {
        String amzDate = query.get("X-Amz-Date");
        String scope = amzDate.substring(0, 8) + "/" + region + "/kafka-cluster/aws4_request";
        String canonicalQuery = query.entrySet().stream()
                .filter(e -> !e.getKey().equals("X-Amz-Signature") && !e.getKey().equals("User-Agent"))
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:kafka." + region + ".amazonaws.com\n\nhost\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
        for (String part : List.of(amzDate.substring(0, 8), region, "kafka-cluster", "aws4_request")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, stringToSign));
    }

    /** Whether the token is a validly signed Connect for this region and secret key. */
    static boolean valid(String token, String region, String secretKey) throws GeneralSecurityException {
        Map<String, String> query = query(url(token));
        return "kafka-cluster:Connect".equals(query.get("Action"))
                && expectedSignature(query, region, secretKey).equals(query.get("X-Amz-Signature"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
