package io.usync.upload;

import io.usync.core.crypto.Passphrase;
import io.usync.core.crypto.RecipientPublicKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What kind of share to make (or continue) and how to label it: public, protected by a password,
 * private for recipients' public keys, or plain yEnc with an NZB; optionally an NZB file to write
 * in share modes too.
 */
public record ShareSpec(Mode mode, Optional<String> label, Optional<Path> nzb) {

    /** Validates the parts; plain mode needs an NZB path. */
    public ShareSpec {
        if (mode == null || label == null || nzb == null) {
            throw new IllegalArgumentException("mode, label and nzb must be given (use Optional.empty())");
        }
        if (mode instanceof Mode.Plain && nzb.isEmpty()) {
            throw new IllegalArgumentException("plain mode writes an NZB: give --nzb FILE");
        }
    }

    /** How the share's root key reaches downloaders. */
    public sealed interface Mode {
        /** The key is in the share id. */
        record Public() implements Mode {
        }

        /** The key is wrapped under a password (never printed). */
        record Protected(Passphrase passphrase) implements Mode {
            /** Validates that the passphrase is given. */
            public Protected {
                if (passphrase == null) {
                    throw new IllegalArgumentException("the password file is empty");
                }
            }

            /** Wraps (a copy of) a password. */
            public Protected(char[] password) {
                this(new Passphrase(password));
            }

            /** A copy of the password. */
            public char[] password() {
                return passphrase.chars();
            }
        }

        /** The key is wrapped for each recipient. */
        record Private(List<RecipientPublicKey> recipients) implements Mode {
            /** Validates that there is at least one recipient. */
            public Private {
                recipients = List.copyOf(recipients);
                if (recipients.isEmpty()) {
                    throw new IllegalArgumentException("a private share needs at least one --recipient");
                }
            }
        }

        /** Plain yEnc with real names and an NZB; no encryption. */
        record Plain() implements Mode {
        }
    }

    /** A public share with no label and no NZB. */
    public static ShareSpec publicShare() {
        return new ShareSpec(new Mode.Public(), Optional.empty(), Optional.empty());
    }
}
