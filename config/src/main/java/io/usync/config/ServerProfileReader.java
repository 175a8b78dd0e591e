package io.usync.config;

import io.usync.core.TerminalText;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Reads one entry of {@code servers:} into a {@link ServerProfile}, with located errors and warnings. */
final class ServerProfileReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]_-]{1,253}");
    private static final Pattern NEWSGROUP = Pattern.compile("[a-z0-9][a-z0-9.+_-]{0,127}");

    private final SecretRefParser secrets;
    private final Path baseDirectory;
    private final Consumer<String> warnings;

    ServerProfileReader(SecretRefParser secrets, Path baseDirectory, Consumer<String> warnings) {
        this.secrets = secrets;
        this.baseDirectory = baseDirectory;
        this.warnings = warnings;
    }

    ServerProfile read(String file, YamlNode node, int index) {
        MappingReader r = new MappingReader(file, "servers[" + index + "]", node);
        String name = r.requiredString("name", "give each server a name such as 'name: primary'");
        if (!NAME.matcher(name).matches()) {
            throw r.error(r.required("name", ""), "name '" + clip(name) + "' is not a valid profile name",
                    "use up to 64 letters, digits, '.', '_' or '-'");
        }
        MappingReader s = new MappingReader(file, "server '" + name + "'", node);
        s.node("name");
        String host = s.requiredString("host", "add 'host: news.example.com'");
        if (!HOST.matcher(host).matches()) {
            throw s.error(s.required("host", ""), "host '" + clip(host) + "' is not a host name or address",
                    "write a host name or IP address without scheme, port or spaces");
        }
        TlsMode tls = s.string("tls").map(t -> tlsMode(s, t)).orElse(TlsMode.IMPLICIT);
        int port = s.integer("port", 1, 65535, tls == TlsMode.IMPLICIT ? 563 : 119);
        boolean insecure = s.bool("insecure", false);
        if (insecure && tls == TlsMode.NONE) {
            throw s.error(s.required("insecure", ""), "insecure has no meaning with tls: none",
                    "remove 'insecure' or enable tls");
        }
        if (insecure) {
            warnings.accept(file + ":" + s.keyLocation("insecure").line() + ": server '" + name
                    + "' has insecure: true; its TLS certificate and host name are NOT verified");
        }
        Optional<TrustStoreSettings> trustStore = s.node("trustStore").map(n -> trustStore(file, name, n));
        if (trustStore.isPresent() && (tls == TlsMode.NONE || insecure)) {
            throw s.error(s.required("trustStore", ""), "trustStore needs tls with verification",
                    "remove trustStore, or set tls: implicit|starttls without insecure");
        }
        Optional<String> username = s.string("username");
        username.ifPresent(u -> {
            if (u.isEmpty() || u.length() > 256 || u.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw s.error(s.required("username", ""), "username is empty, too long or has control characters",
                        "write the user name as plain text");
            }
        });
        Optional<SecretRef> password = s.node("password").map(n -> secrets.parse(s, "password", n));
        if (username.isPresent() != password.isPresent()) {
            throw s.error(s.required(username.isPresent() ? "username" : "password", ""),
                    "username and password go together",
                    username.isPresent() ? "add 'password: env:VARIABLE'" : "add 'username: ...'");
        }
        if (password.isPresent() && tls == TlsMode.NONE && !isLoopback(host)) {
            warnings.accept(file + ":" + s.keyLocation("password").line() + ": server '" + name
                    + "' sends its password without TLS");
        }
        int connections = s.integer("connections", 1, 200, 8);
        int priority = s.integer("priority", 0, 99, 0);
        int group = s.integer("group", 0, 99, 0);
        Set<ServerRole> roles = s.stringList("roles").map(list -> roles(s, list))
                .orElse(EnumSet.allOf(ServerRole.class));
        List<String> newsgroups = s.stringList("newsgroups").map(list -> list.stream().map(g -> {
            String v = g.value().strip();
            if (!NEWSGROUP.matcher(v).matches()) {
                throw ConfigException.at(file, g.location(), "server '" + name + "' newsgroup '" + clip(v)
                        + "' is not a newsgroup name", "use lowercase names such as alt.binaries.test");
            }
            return v;
        }).toList()).orElse(List.of());
        if (roles.contains(ServerRole.POST) && newsgroups.isEmpty()) {
            throw ConfigException.at(file, s.location(), "server '" + name + "' can post but has no newsgroups",
                    "add 'newsgroups: [alt.binaries.test]' or remove post from roles");
        }
        Optional<String> from = s.string("from").map(f -> {
            if (f.length() > 200 || f.indexOf('@') < 0 || f.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw s.error(s.required("from", ""), "from must be one line with an address",
                        "write it like 'poster <poster@example.com>'");
            }
            return f;
        });
        Optional<Integer> retention = s.optionalInteger("retentionDays", 1, 100_000);
        s.finish();
        return new ServerProfile(name, host, port, tls, insecure, trustStore, username, password, connections,
                priority, group, roles, newsgroups, from, retention);
    }

    private TrustStoreSettings trustStore(String file, String server, YamlNode node) {
        MappingReader t = new MappingReader(file, "server '" + server + "' trustStore", node);
        String p = t.requiredString("path", "add 'path: /path/to/truststore.p12'");
        Optional<SecretRef> password = t.node("password").map(n -> secrets.parse(t, "password", n));
        t.finish();
        return new TrustStoreSettings(baseDirectory.resolve(p).normalize(), password);
    }

    private static TlsMode tlsMode(MappingReader s, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "implicit" -> TlsMode.IMPLICIT;
            case "starttls" -> TlsMode.STARTTLS;
            case "none" -> TlsMode.NONE;
            default -> throw s.error(s.required("tls", ""), "tls '" + clip(text) + "' is not a TLS mode",
                    "use implicit, starttls or none");
        };
    }

    private static Set<ServerRole> roles(MappingReader s, List<MappingReader.Located<String>> list) {
        if (list.isEmpty()) {
            throw s.error(s.required("roles", ""), "roles is empty", "list at least one of post, check, read");
        }
        Set<ServerRole> roles = EnumSet.noneOf(ServerRole.class);
        for (var item : list) {
            switch (item.value().strip().toLowerCase(Locale.ROOT)) {
                case "post" -> roles.add(ServerRole.POST);
                case "check" -> roles.add(ServerRole.CHECK);
                case "read" -> roles.add(ServerRole.READ);
                default -> throw ConfigException.at(s.file(), item.location(), "role '" + clip(item.value())
                        + "' is unknown", "use post, check or read");
            }
        }
        return roles;
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    private static String clip(String s) {
        String one = TerminalText.printable(s);
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }
}
