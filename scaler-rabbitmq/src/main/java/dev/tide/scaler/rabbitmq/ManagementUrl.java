package dev.tide.scaler.rabbitmq;

import java.net.URI;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The management API URL of a trigger's queue, built as KEDA builds it ({@code getQueueInfoViaHTTP}): the host's last
 * path segment is the vhost ({@code /%2F} when empty or {@code /}), the segments before it a path prefix, and
 * {@code vhostName} replaces the vhost, query-escaped. User info is taken out of the URL and sent as a header.
 */
final class ManagementUrl {

    static final String ROOT_VHOST = "/%2F";

    private ManagementUrl() {
    }

    /** KEDA's {@code getVhostAndPathFromURL}: the vhost path ({@code /<vhost>}) and the prefix path ({@code /a/b} or empty). */
    record VhostAndPath(String vhostPath, String path) {
    }

    static VhostAndPath vhostAndPath(String rawPath, Optional<String> vhostName) {
        String[] parts = rawPath.split("/", -1);
        String vhost = "/" + parts[parts.length - 1];
        String path = Arrays.stream(parts, 0, parts.length - 1).filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/"));
        if (!path.isEmpty()) {
            path = "/" + path;
        }
        if (vhostName.isPresent() && !vhostName.get().isEmpty()) {
            vhost = "/" + QueryEscape.escape(vhostName.get());
        }
        if (vhost.equals("/")) {
            vhost = ROOT_VHOST;
        }
        return new VhostAndPath(vhost, path);
    }

    /**
     * The request URI without user info: {@code <base><path>/api/queues<vhost>/<queue>}, or the regex listing
     * {@code ?page=1&use_regex=true&pagination=false&name=<regex>&page_size=<n>}.
     */
    static URI queueUri(RabbitMqParameters parameters) {
        URI host = URI.create(parameters.host());
        String rawPath = host.getRawPath() == null ? "" : host.getRawPath();
        VhostAndPath resolved = vhostAndPath(rawPath, parameters.vhostName());
        String base = host.getScheme() + "://" + (host.getRawAuthority() == null ? "" : withoutUserInfo(host.getRawAuthority()))
                + resolved.path() + "/api/queues" + resolved.vhostPath();
        String queue = QueryEscape.escape(parameters.queueName());
        return URI.create(parameters.useRegex()
                ? base + "?page=1&use_regex=true&pagination=false&name=" + queue + "&page_size=" + parameters.pageSize()
                : base + "/" + queue);
    }

    /** {@code scheme://host:port/path} of the URI, for messages: no user info, no query. */
    static String shown(URI uri) {
        return uri.getScheme() + "://" + (uri.getRawAuthority() == null ? "" : withoutUserInfo(uri.getRawAuthority()))
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static String withoutUserInfo(String authority) {
        return authority.substring(authority.lastIndexOf('@') + 1);
    }
}
