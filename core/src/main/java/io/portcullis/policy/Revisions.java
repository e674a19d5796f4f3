package io.portcullis.policy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** Reading of policy bytes with a size cap, and content hashes as revisions. */
final class Revisions {

    /** Largest policy document read, in bytes (1 MiB). */
    static final int MAX_BYTES = 1 << 20;

    private Revisions() {
    }

    /** Returns {@code sha256:<hex>} of the text, a revision that changes exactly when it does. */
    static String hashOf(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Reads at most {@link #MAX_BYTES} of UTF-8 text, failing on more or on invalid UTF-8. */
    static String readCapped(InputStream in, String name) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException(name + " is larger than " + MAX_BYTES + " bytes");
        }
        return decode(bytes, name);
    }

    static String decode(byte[] bytes, String name) throws IOException {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0; // a UTF-8 byte order mark
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Arrays.copyOfRange(bytes, start, bytes.length)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(name + " is not valid UTF-8", e);
        }
    }
}
