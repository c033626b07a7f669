package dev.tide.scaler.kafka;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OAuth 2.0 token endpoint (JDK HttpServer on 127.0.0.1) for the client-credentials grant: one client id and
 * secret (HTTP Basic), tokens are RS256 JWTs whose {@code sub} is the client id, and {@code /jwks} publishes the
 * signing key, so a broker running Kafka's own {@code OAuthBearerValidatorCallbackHandler} checks them for real.
 * It records each token request's authorization header and form body.
 */
final class TokenEndpoint implements AutoCloseable {

    record TokenRequest(String authorization, String body) {
    }

    private final HttpServer server;
    private final String clientId;
    private final String clientSecret;
    private final List<TokenRequest> requests = new CopyOnWriteArrayList<>();
    private final KeyPair key;

    TokenEndpoint(String clientId, String clientSecret) throws IOException, GeneralSecurityException {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        key = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    String jwksUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
        respond(exchange, 200, "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"tide\",\"alg\":\"RS256\",\"use\":\"sig\","
                + "\"n\":\"" + unsigned(rsa.getModulus()) + "\",\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\"}]}");
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOfRange(bytes, skip,
                bytes.length));
    }

    List<TokenRequest> requests() {
        return requests;
    }

    private void token(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        requests.add(new TokenRequest(authorization, body));
        String expected = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret)
                .getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(authorization)) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        long now = System.currentTimeMillis() / 1000;
        String signed = encode("{\"alg\":\"RS256\",\"kid\":\"tide\",\"typ\":\"JWT\"}") + "."
                + encode("{\"sub\":\"" + clientId + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600)
                + ",\"scope\":\"read write\"}");
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(key.getPrivate());
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            String jwt = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
            respond(exchange, 200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\","
                    + "\"expires_in\":3600}");
        } catch (GeneralSecurityException e) {
            respond(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
