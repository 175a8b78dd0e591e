package io.usync.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usync.core.KeyTextException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecipientKeysTest {

    private static final HexFormat HEX = HexFormat.of();
    private final SecureRandom random = new SecureRandom();
    private final byte[] aad = "locator-bytes-16".getBytes();

    @Test
    void rawEncodingsMatchRfc7748Section61() throws Exception {
        byte[] alicePrivate = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPublic = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        KeyAgreement agreement = KeyAgreement.getInstance("XDH");
        agreement.init(X25519Codec.privateKey(alicePrivate));
        agreement.doPhase(X25519Codec.publicKey(bobPublic), true);
        assertThat(HEX.formatHex(agreement.generateSecret()))
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThat(X25519Codec.rawPublic(X25519Codec.publicKey(bobPublic))).isEqualTo(bobPublic);
        assertThat(X25519Codec.rawPrivate(X25519Codec.privateKey(alicePrivate))).isEqualTo(alicePrivate);
    }

    @Test
    void recipientUnwrapsWhatWasWrappedForIt() {
        RecipientKeyPair bob = RecipientKeys.generate(random);
        RootKey root = RootKey.generate(random);
        byte[] slot = RecipientKeys.wrap(root, bob.publicKey(), aad, random);
        assertThat(slot).hasSize(RecipientKeys.SLOT_LENGTH);
        assertThat(RecipientKeys.unwrap(bob, slot, aad)).contains(root);
    }

    @Test
    void anotherRecipientOrTamperingGetsNothing() {
        RecipientKeyPair bob = RecipientKeys.generate(random);
        RecipientKeyPair eve = RecipientKeys.generate(random);
        byte[] slot = RecipientKeys.wrap(RootKey.generate(random), bob.publicKey(), aad, random);
        assertThat(RecipientKeys.unwrap(eve, slot, aad)).isEmpty();
        assertThat(RecipientKeys.unwrap(bob, slot, new byte[16])).isEmpty();
        byte[] tampered = slot.clone();
        tampered[40] ^= 1;
        assertThat(RecipientKeys.unwrap(bob, tampered, aad)).isEmpty();
        byte[] badEphemeral = slot.clone();
        java.util.Arrays.fill(badEphemeral, 0, 32, (byte) 0);
        assertThat(RecipientKeys.unwrap(bob, badEphemeral, aad)).isEmpty();
        assertThat(RecipientKeys.unwrap(bob, new byte[10], aad)).isEmpty();
    }

    @Test
    void publicKeyTextRoundTripsAndCatchesTypos() {
        RecipientPublicKey key = RecipientKeys.generate(random).publicKey();
        String text = key.asText();
        assertThat(text).startsWith("usync-pub-").matches("usync-pub-[a-z2-7]+");
        assertThat(RecipientPublicKey.parse(text)).isEqualTo(key);
        char c = text.charAt(15) == 'a' ? 'b' : 'a';
        String typo = text.substring(0, 15) + c + text.substring(16);
        assertThatThrownBy(() -> RecipientPublicKey.parse(typo)).isInstanceOf(KeyTextException.class)
                .hasMessageContaining("checksum");
        assertThatThrownBy(() -> RecipientPublicKey.parse("ssh-ed25519 AAAA")).isInstanceOf(KeyTextException.class)
                .hasMessageContaining("usync-pub-");
        assertThatThrownBy(() -> RecipientPublicKey.parse(text.substring(0, 30))).isInstanceOf(KeyTextException.class);
    }

    @Test
    void aFingerprintIsTheStartOfTheKeyTextAndTellsKeysApart() {
        RecipientPublicKey a = RecipientKeys.generate(random).publicKey();
        RecipientPublicKey b = RecipientKeys.generate(random).publicKey();
        assertThat(a.fingerprint()).matches("usync-pub-[a-z2-7]{12}\\.\\.\\.")
                .startsWith(a.asText().substring(0, a.fingerprint().length() - 3))
                .isNotEqualTo(b.fingerprint());
    }

    @Test
    void privateKeyFileIsOwnerOnlyAndRoundTrips(@TempDir Path dir) throws Exception {
        RecipientKeyPair pair = RecipientKeys.generate(random);
        Path file = dir.resolve("me.key");
        RecipientKeys.writePrivateKeyFile(file, pair);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        RecipientKeyPair back = RecipientKeys.readPrivateKeyFile(file);
        assertThat(back.publicKey()).isEqualTo(pair.publicKey());
        RootKey root = RootKey.generate(random);
        assertThat(RecipientKeys.unwrap(back, RecipientKeys.wrap(root, pair.publicKey(), aad, random), aad)).contains(root);
        assertThatThrownBy(() -> RecipientKeys.writePrivateKeyFile(file, pair)).hasMessageContaining("already exists");
    }

    @Test
    void keyPairNeverPrintsItsPrivateHalf() {
        RecipientKeyPair pair = RecipientKeys.generate(random);
        String fileText = pair.toFileText();
        String keyLine = fileText.lines().filter(l -> l.startsWith("usync-key-")).findFirst().orElseThrow();
        assertThat(pair.toString()).doesNotContain(keyLine.substring(10, 40)).contains("hidden");
        pair.destroy();
        assertThatThrownBy(pair::toFileText).isInstanceOf(IllegalStateException.class);
    }
}
