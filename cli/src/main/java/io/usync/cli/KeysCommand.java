package io.usync.cli;

import io.usync.core.crypto.RecipientKeyPair;
import io.usync.core.crypto.RecipientKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The {@code usync keys} command: creates recipient key pairs for private shares and shows their public keys. */
@Command(name = KeysCommand.NAME, mixinStandardHelpOptions = true,
        description = "Creates and shows recipient key pairs for private shares.",
        subcommands = {KeysCommand.Generate.class, KeysCommand.Show.class})
public final class KeysCommand implements Callable<Integer> {

    /** The subcommand's name. */
    static final String NAME = "keys";

    @ParentCommand
    private UsyncCommand usync;

    /** Without an action, prints the usage and returns {@link ExitCode#USAGE}. */
    @Override
    public Integer call() {
        usync.err().println("usync keys: say 'generate' or 'show FILE'");
        return ExitCode.USAGE.code();
    }

    /** {@code usync keys generate}: writes a new private key file (0600) and prints its public key. */
    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Writes a new X25519 private key file (readable only by you) and prints its public key.")
    static final class Generate implements Callable<Integer> {

        @ParentCommand
        private KeysCommand keys;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Private key file to create (default: $XDG_DATA_HOME/usync/keys/usync.key).")
        private Path output;

        @Override
        public Integer call() {
            UsyncCommand usync = keys.usync;
            Path file = output != null ? output : usync.paths().dataDirectory().resolve("keys").resolve("usync.key");
            if (Files.exists(file)) {
                throw new CliException(ExitCode.USAGE, file + " already exists; choose another file with --output");
            }
            RecipientKeyPair pair = RecipientKeys.generate(new SecureRandom());
            try {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                RecipientKeys.writePrivateKeyFile(file, pair);
            } catch (IOException e) {
                throw new CliException(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage());
            }
            usync.info("usync: private key written to " + file + " (keep it secret; give others the public key below)");
            usync.out().println(pair.publicKey().asText());
            usync.out().flush();
            pair.destroy();
            return ExitCode.OK.code();
        }
    }

    /** {@code usync keys show FILE}: prints the public key of a private key file. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints the public key of a private key file.")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        private KeysCommand keys;

        @Parameters(index = "0", paramLabel = "FILE", description = "The private key file.")
        private Path file;

        @Override
        public Integer call() {
            try {
                RecipientKeyPair pair = RecipientKeys.readPrivateKeyFile(file);
                keys.usync.out().println(pair.publicKey().asText());
                keys.usync.out().flush();
                pair.destroy();
                return ExitCode.OK.code();
            } catch (IOException | RuntimeException e) {
                throw new CliException(ExitCode.DATA, "cannot read the private key in " + file + ": " + e.getMessage());
            }
        }
    }
}
