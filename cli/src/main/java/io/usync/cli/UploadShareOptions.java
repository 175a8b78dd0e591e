package io.usync.cli;

import io.usync.core.KeyTextException;
import io.usync.core.crypto.RecipientPublicKey;
import io.usync.upload.ShareSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options of {@code usync upload} that choose the kind of share ({@code --share},
 * {@code --password-file}, {@code --recipient}, {@code --plain}, {@code --nzb}, {@code --name}) and
 * the one {@link ShareSpec} they stand for: options that contradict each other are a usage error,
 * never silently dropped (a password must not end in an unencrypted or public upload).
 */
public final class UploadShareOptions {

    @Option(names = "--share", paramLabel = "KIND", description = "public, protected or private (default: protected "
            + "with --password-file, private with --recipient, else public).")
    private String share;

    @Option(names = "--password-file", paramLabel = "FILE", description = "First line: the password of a protected share.")
    private Path passwordFile;

    @Option(names = "--recipient", paramLabel = "PUBKEY", description = "A recipient's usync-pub-... key (repeatable).")
    private List<String> recipients = new ArrayList<>();

    @Option(names = "--plain", description = "Standard yEnc with real names and an NZB (no encryption).")
    private boolean plain;

    @Option(names = "--nzb", paramLabel = "FILE", description = "Where to write the NZB (needed with --plain).")
    private Path nzb;

    @Option(names = "--name", paramLabel = "LABEL", description = "A label stored in the (encrypted) manifest.")
    private String label;

    /** The share these options ask for, or a USAGE {@link CliException} saying which options conflict. */
    public ShareSpec spec() {
        Optional<String> name = Optional.ofNullable(label);
        if (plain) {
            checkPlain();
            return new ShareSpec(new ShareSpec.Mode.Plain(), name, Optional.of(nzb));
        }
        if (nzb != null) {
            throw new CliException(ExitCode.USAGE, "--nzb is for --plain uploads; a share is downloaded by its share id");
        }
        ShareSpec.Mode mode = switch (kind()) {
            case "public" -> {
                if (passwordFile != null || !recipients.isEmpty()) {
                    throw new CliException(ExitCode.USAGE, "--share public is readable by anyone with the share id, "
                            + "so " + (passwordFile != null ? "--password-file" : "--recipient") + " conflicts with it: "
                            + "use --share " + (passwordFile != null ? "protected" : "private") + " or drop --share");
                }
                yield new ShareSpec.Mode.Public();
            }
            case "protected" -> {
                if (!recipients.isEmpty()) {
                    throw new CliException(ExitCode.USAGE, "--recipient makes a private share and conflicts with "
                            + "--share protected: give either --password-file or --recipient");
                }
                if (passwordFile == null) {
                    throw new CliException(ExitCode.USAGE, "a protected share needs --password-file FILE");
                }
                yield new ShareSpec.Mode.Protected(DownloadCommand.readPassword(passwordFile));
            }
            case "private" -> {
                if (passwordFile != null) {
                    throw new CliException(ExitCode.USAGE, "--password-file makes a protected share and conflicts "
                            + "with --share private: give either --password-file or --recipient");
                }
                if (recipients.isEmpty()) {
                    throw new CliException(ExitCode.USAGE, "a private share needs at least one --recipient usync-pub-...");
                }
                yield new ShareSpec.Mode.Private(recipientKeys());
            }
            default -> throw new CliException(ExitCode.USAGE, "--share must be public, protected or private, not " + share);
        };
        return new ShareSpec(mode, name, Optional.empty());
    }

    /** The kind asked for: --share when given, else the one --password-file or --recipient implies. */
    private String kind() {
        if (share != null) {
            return share.toLowerCase(Locale.ROOT);
        }
        if (passwordFile != null && !recipients.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--password-file (a protected share) and --recipient (a private "
                    + "share) conflict: give one of them");
        }
        return passwordFile != null ? "protected" : !recipients.isEmpty() ? "private" : "public";
    }

    /** A plain upload encrypts nothing: any share option beside it is refused, and it needs --nzb. */
    private void checkPlain() {
        List<String> conflicting = new ArrayList<>();
        if (share != null) {
            conflicting.add("--share");
        }
        if (passwordFile != null) {
            conflicting.add("--password-file");
        }
        if (!recipients.isEmpty()) {
            conflicting.add("--recipient");
        }
        if (!conflicting.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--plain posts unencrypted articles and conflicts with "
                    + String.join(" and ", conflicting) + ": drop --plain for an encrypted share, or drop "
                    + String.join(" and ", conflicting));
        }
        if (nzb == null) {
            throw new CliException(ExitCode.USAGE, "--plain writes an NZB: add --nzb FILE");
        }
    }

    private List<RecipientPublicKey> recipientKeys() {
        List<RecipientPublicKey> keys = new ArrayList<>();
        for (String r : recipients) {
            try {
                keys.add(RecipientPublicKey.parse(r));
            } catch (KeyTextException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
        }
        return keys;
    }
}
