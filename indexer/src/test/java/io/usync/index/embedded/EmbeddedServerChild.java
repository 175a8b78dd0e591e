package io.usync.index.embedded;

import java.nio.file.Path;

/** A second process for the sharing test: joins (or starts) the server, prints its port, waits for stdin to close. */
public final class EmbeddedServerChild {

    private EmbeddedServerChild() {
    }

    /** Args: base directory, binary cache. */
    public static void main(String[] args) throws Exception {
        EmbeddedPostgresOptions options = EmbeddedPostgresOptions.forDataHome(Path.of(args[0]))
                .withBinaryCache(Path.of(args[1])).withDurable(false);
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.open(options)) {
            System.out.println("PORT " + server.port() + " STARTED " + server.startedServer());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
        }
    }
}
