package dev.tide.metrics;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates callers the way the kube-apiserver's request-header authenticator trusts its
 * aggregator: the TLS layer has already checked that any client certificate chains to the request-header
 * CA (the server SSL bundle's trust store); this filter requires such a certificate, checks its common
 * name against the allowed names, and takes the end user from {@code X-Remote-User}. A caller without
 * that gets 401; an authenticated user outside the allowed users and groups gets 403. Health probes
 * ({@code /healthz}, {@code /livez}, {@code /readyz}) stay open, as the kubelet calls them without a
 * certificate.
 */
final class AggregatorAuthFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AggregatorAuthFilter.class);
    private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/livez", "/readyz");
    private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final MetricsProperties.Auth auth;
    private final JsonMapper json;

    AggregatorAuthFilter(MetricsProperties.Auth auth, JsonMapper json) {
        this.auth = auth;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !auth.required() || OPEN_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATES);
        if (certificates == null || certificates.length == 0) {
            reject(response, HttpStatus.UNAUTHORIZED,
                    "Unauthorized: a client certificate signed by the request-header CA is required");
            return;
        }
        Optional<String> commonName = commonName(certificates[0]);
        if (!auth.allowedNames().isEmpty()
                && (commonName.isEmpty() || !auth.allowedNames().contains(commonName.get()))) {
            reject(response, HttpStatus.UNAUTHORIZED, "Unauthorized: client certificate common name "
                    + commonName.orElse("(none)") + " is not one of the allowed request-header names");
            return;
        }
        String user = request.getHeader(auth.userHeader());
        if (user == null || user.isBlank()) {
            reject(response, HttpStatus.UNAUTHORIZED, "Unauthorized: the request names no user in " + auth.userHeader());
            return;
        }
        if (!allowed(user, Collections.list(request.getHeaders(auth.groupHeader())))) {
            reject(response, HttpStatus.FORBIDDEN, "externalmetrics." + ExternalMetricValueList.GROUP
                    + " is forbidden: User \"" + user + "\" cannot get resource \"" + Discovery.RESOURCE
                    + "\" in API group \"" + ExternalMetricValueList.GROUP + "\"");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean allowed(String user, List<String> groups) {
        if (auth.allowedUsers().isEmpty() && auth.allowedGroups().isEmpty()) {
            return true;
        }
        return auth.allowedUsers().contains(user) || groups.stream().anyMatch(auth.allowedGroups()::contains);
    }

    private void reject(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        log.debug("Rejected a caller with {}: {}", status.value(), message);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), KubeStatus.failure(status, message));
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
            // LdapName lists RDNs right to left; the leftmost CN is the subject's own name.
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if ("CN".equalsIgnoreCase(rdns.get(i).getType())) {
                    return Optional.of(rdns.get(i).getValue().toString());
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
