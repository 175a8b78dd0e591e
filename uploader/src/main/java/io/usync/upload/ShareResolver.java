package io.usync.upload;

import io.usync.core.ShareId;
import io.usync.core.ShareKind;
import io.usync.core.ShareLocator;
import io.usync.core.crypto.KdfParameters;
import io.usync.core.crypto.PasswordKdf;
import io.usync.core.crypto.RecipientKeys;
import io.usync.core.crypto.RecipientPublicKey;
import io.usync.core.crypto.RootKey;
import io.usync.core.crypto.RootKeyWrap;
import io.usync.core.manifest.KeySlot;
import io.usync.core.manifest.ManifestAad;
import io.usync.index.NewShare;
import io.usync.index.ShareIndex;
import io.usync.index.ShareMode;
import io.usync.index.ShareRecord;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * Finds the share already recorded for a folder and kind (so a resume or a new version keeps the
 * share id) or creates one with a fresh locator and root key; refuses a protected share's
 * password other than its first ({@link PasswordCheck}) and a private share's version that leaves
 * out an earlier recipient ({@link ShareRecipients}); makes the key slots of a version and the share
 * id text.
 */
final class ShareResolver {

    private final ShareIndex index;
    private final SecureRandom random;
    /** The protected share's password key, derived once per upload (the KDF is slow by design). */
    private SecretKey passwordKey;

    /** Creates a resolver over {@code index}. */
    ShareResolver(ShareIndex index, SecureRandom random) {
        this.index = index;
        this.random = random;
    }

    /** The share for {@code sourceRoot} in {@code mode}, created if there is none. */
    ResolvedShare resolve(String sourceRoot, ShareSpec spec) {
        ShareMode mode = mode(spec.mode());
        Optional<ShareRecord> existing = index.shares().stream()
                .filter(s -> s.sourceRoot().equals(sourceRoot) && s.mode() == mode)
                .max(Comparator.comparingLong(ShareRecord::id));
        if (existing.isPresent()) {
            ShareRecord record = existing.get();
            ShareSecrets secrets;
            try {
                secrets = ShareSecrets.decode(record.publicKeyMaterial());
            } catch (IllegalArgumentException e) {
                throw new UploadException.ShareMismatch("the index entry of this folder's share is damaged ("
                        + e.getMessage() + "); drop it with 'usync shares drop' and upload again");
            }
            ShareLocator locator = ShareLocator.of(record.locator());
            if (spec.mode() instanceof ShareSpec.Mode.Protected p) {
                Optional<PasswordCheck> check = PasswordCheck.readAfter(record.publicKeyMaterial(), secrets);
                if (check.isPresent() && !check.get().opens(passwordKey(p, secrets), locator)) {
                    throw new UploadException.WrongPassword();
                }
            }
            List<RecipientPublicKey> added = List.of();
            if (spec.mode() instanceof ShareSpec.Mode.Private p) {
                Optional<ShareRecipients> stored = ShareRecipients.readAfter(record.publicKeyMaterial(), secrets);
                List<RecipientPublicKey> leftOut = stored.map(s -> s.leftOutBy(p.recipients())).orElse(List.of());
                if (!leftOut.isEmpty()) {
                    throw new UploadException.RemovedRecipient(leftOut);
                }
                added = stored.map(s -> s.addedBy(p.recipients())).orElse(List.of());
            }
            return new ResolvedShare(record, locator, secrets, false, added);
        }
        ShareLocator locator = ShareLocator.random(random);
        Optional<KdfParameters> kdf = spec.mode() instanceof ShareSpec.Mode.Protected
                ? Optional.of(KdfParameters.defaults(random)) : Optional.empty();
        ShareSecrets secrets = new ShareSecrets(RootKey.generate(random), kdf);
        byte[] material = switch (spec.mode()) {
            case ShareSpec.Mode.Protected p ->
                PasswordCheck.of(passwordKey(p, secrets), secrets.rootKey(), locator, random).appendTo(secrets);
            case ShareSpec.Mode.Private p -> ShareRecipients.of(p.recipients()).appendTo(secrets);
            default -> secrets.encode();
        };
        ShareRecord record = index.createShare(new NewShare(mode, locator.bytes(), material,
                spec.label().orElse(""), sourceRoot));
        return new ResolvedShare(record, locator, secrets, true, List.of());
    }

    /**
     * Keeps a private share's recipients (the earlier ones and those this upload adds) in its key
     * material before a version's key slots are posted, so no later version can leave one out.
     */
    void recordRecipients(ResolvedShare share, ShareSpec spec) {
        if (spec.mode() instanceof ShareSpec.Mode.Private p) {
            byte[] material = ShareRecipients.of(p.recipients()).appendTo(share.secrets());
            if (!Arrays.equals(material, share.record().publicKeyMaterial())) {
                index.setPublicKeyMaterial(share.record().id(), material);
            }
        }
    }

    /** The key slots of a version's manifest header for the share's kind. */
    List<KeySlot> keySlots(ResolvedShare share, ShareSpec spec) {
        byte[] aad = ManifestAad.keySlot(share.locator());
        return switch (spec.mode()) {
            case ShareSpec.Mode.Public p -> List.of();
            case ShareSpec.Mode.Plain p -> List.of();
            case ShareSpec.Mode.Protected p ->
                List.of(new KeySlot(RootKeyWrap.wrap(passwordKey(p, share.secrets()), share.secrets().rootKey(), aad,
                        random)));
            case ShareSpec.Mode.Private p -> {
                List<KeySlot> slots = new ArrayList<>();
                for (RecipientPublicKey recipient : p.recipients()) {
                    slots.add(new KeySlot(RecipientKeys.wrap(share.secrets().rootKey(), recipient, aad, random)));
                }
                yield slots;
            }
        };
    }

    private SecretKey passwordKey(ShareSpec.Mode.Protected mode, ShareSecrets secrets) {
        if (passwordKey == null) {
            char[] password = mode.password();
            try {
                passwordKey = PasswordKdf.derive(password, secrets.kdf().orElseThrow());
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        return passwordKey;
    }

    /** The share id to print for a share-mode share. */
    static ShareId shareId(ResolvedShare share) {
        return switch (share.record().mode()) {
            case PUBLIC -> new ShareId.Public(share.locator(), share.secrets().rootKey());
            case PROTECTED -> new ShareId.Protected(share.locator(), share.secrets().kdf().orElseThrow());
            case PRIVATE -> new ShareId.Private(share.locator());
            case PLAIN -> throw new IllegalStateException("plain uploads have no share id");
        };
    }

    /** The share kind of a share mode (empty for plain). */
    static Optional<ShareKind> kind(ShareSpec.Mode mode) {
        return switch (mode) {
            case ShareSpec.Mode.Public p -> Optional.of(ShareKind.PUBLIC);
            case ShareSpec.Mode.Protected p -> Optional.of(ShareKind.PROTECTED);
            case ShareSpec.Mode.Private p -> Optional.of(ShareKind.PRIVATE);
            case ShareSpec.Mode.Plain p -> Optional.empty();
        };
    }

    private static ShareMode mode(ShareSpec.Mode mode) {
        return switch (mode) {
            case ShareSpec.Mode.Public p -> ShareMode.PUBLIC;
            case ShareSpec.Mode.Protected p -> ShareMode.PROTECTED;
            case ShareSpec.Mode.Private p -> ShareMode.PRIVATE;
            case ShareSpec.Mode.Plain p -> ShareMode.PLAIN;
        };
    }
}
