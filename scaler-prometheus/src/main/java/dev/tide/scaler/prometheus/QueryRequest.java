package dev.tide.scaler.prometheus;

import dev.tide.scaler.api.Secret;
import dev.tide.scaler.prometheus.AuthParameters.ApiKeyMethod;
import dev.tide.scaler.prometheus.AuthParameters.AuthMode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request KEDA's {@code ExecutePromQuery} sends for one trigger: the query URL at a given time and the headers.
 * Header values are {@link Secret}s until the request is built, so nothing that prints this prints a credential.
 */
final class QueryRequest {

    static final String AUTHORIZATION = "Authorization";

    private final PrometheusParameters parameters;
    private final AuthParameters auth;

    QueryRequest(PrometheusParameters parameters, AuthParameters auth) {
        this.parameters = parameters;
        this.auth = auth;
    }

    /** KEDA's URL; with apiKey auth by query (which KEDA validates but does not send), the key is appended. */
    URI uri(Instant time) {
        URI uri = parameters.queryUri(time);
        if (auth.enabled(AuthMode.API_KEY) && auth.method() == ApiKeyMethod.QUERY) {
            return URI.create(uri + "&" + FormQuery.escape(auth.apiKeyName()) + "="
                    + FormQuery.escape(auth.apiKey().orElseThrow().reveal()));
        }
        return uri;
    }

    /**
     * The headers, by case-insensitive name: {@code customHeaders}, then the first of bearer, basic and custom auth
     * (KEDA's {@code switch}), then an apiKey header; a {@code serverAddress} with user info sends it as basic auth
     * when nothing else set {@code Authorization} (Go's client does).
     *
     * @param oauthToken the access token oauth auth got, if it is enabled
     */
    Map<String, Secret> headers(Optional<Secret> oauthToken) {
        Map<String, Secret> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        parameters.customHeaders().forEach((name, value) -> headers.put(name, Secret.of(value)));
        oauthToken.ifPresent(token -> headers.put(AUTHORIZATION, Secret.of("Bearer " + token.reveal())));
        if (auth.enabled(AuthMode.BEARER)) {
            headers.put(AUTHORIZATION, Secret.of("Bearer " + auth.bearerToken().orElseThrow().reveal()));
        } else if (auth.enabled(AuthMode.BASIC)) {
            headers.put(AUTHORIZATION, basic(auth.username().orElseThrow(), auth.password().map(Secret::reveal).orElse("")));
        } else if (auth.enabled(AuthMode.CUSTOM)) {
            headers.put(auth.customAuthHeader().orElseThrow(), auth.customAuthValue().orElseThrow());
        }
        if (auth.enabled(AuthMode.API_KEY) && auth.method() == ApiKeyMethod.HEADER) {
            headers.put(auth.apiKeyName(), auth.apiKey().orElseThrow());
        }
        String userInfo = URI.create(parameters.serverAddress()).getRawUserInfo();
        if (userInfo != null && !headers.containsKey(AUTHORIZATION)) {
            int colon = userInfo.indexOf(':');
            headers.put(AUTHORIZATION, basic(unescape(colon < 0 ? userInfo : userInfo.substring(0, colon)),
                    colon < 0 ? "" : unescape(userInfo.substring(colon + 1))));
        }
        return headers;
    }

    /**
     * The headers that carry a credential: dropped when a redirect leaves the server's host. Go drops only
     * {@code Authorization}; Tide also drops the custom auth and apiKey headers.
     */
    Set<String> credentialHeaders() {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        names.add(AUTHORIZATION);
        if (auth.enabled(AuthMode.CUSTOM)) {
            auth.customAuthHeader().ifPresent(names::add);
        }
        if (auth.enabled(AuthMode.API_KEY) && auth.method() == ApiKeyMethod.HEADER) {
            names.add(auth.apiKeyName());
        }
        return names;
    }

    /**
     * Why the JDK's client would refuse a header, if it would: a malformed or restricted name ({@code Host},
     * {@code Connection}, …) or a value with line breaks. Never quotes the value.
     */
    static Optional<String> unsendable(String name, String value) {
        try {
            HttpRequest.newBuilder().header(name, "x");
        } catch (IllegalArgumentException e) {
            return Optional.of("header \"" + name + "\" cannot be sent: " + e.getMessage());
        }
        try {
            HttpRequest.newBuilder().header(name, value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("header \"" + name + "\" has a value that cannot be sent");
        }
    }

    /** Go's {@code SetBasicAuth}: {@code Basic base64(user:password)}. */
    private static Secret basic(String username, String password) {
        return Secret.of("Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static String unescape(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
