package dev.fracture.core.pool;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A pool file's bytes as text: strict UTF-8 (errors name the line and column), a leading byte order mark dropped. */
final class StrictText {
    private StrictText() {
    }

    static String decode(String location, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw malformed(location, bytes, start);
        }
    }

    /** Finds the first bad byte sequence, line by line, to name its line and column. */
    private static PoolException malformed(String location, byte[] bytes, int start) {
        int line = 1;
        int lineStart = start;
        for (int i = start; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
                ByteBuffer in = ByteBuffer.wrap(bytes, lineStart, i - lineStart);
                CharBuffer out = CharBuffer.allocate(i - lineStart + 1);
                var result = decoder.decode(in, out, true);
                if (result.isError()) {
                    int at = in.position();
                    return PoolException.at(location, line, String.format("not valid UTF-8 at byte %d of the line "
                            + "(0x%02X); save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: re-encode "
                            + "from the file's real encoding, e.g. Windows-1252)", at - lineStart + 1,
                            bytes[at] & 0xFF));
                }
                line++;
                lineStart = i + 1;
            }
        }
        return new PoolException("pool '" + location + "' is not valid UTF-8; save it as UTF-8");
    }
}
