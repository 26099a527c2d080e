package dev.fracture.core.pool;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lines of a JSONL file as bytes with their offsets, read in a bounded buffer: a first pass scans them in order
 * ({@link Scanner}), a later pass reads the line at a remembered offset ({@link At}). Lines end at {@code \n},
 * {@code \r\n} or a lone {@code \r}, as {@link java.io.BufferedReader#readLine()} splits them; a UTF-8 byte order
 * mark at the start of the file is not part of line 1. Both passes split a file the same way, so an offset and line
 * number found by the first pass name the same line in the second.
 */
final class JsonlLines {
    private static final int BUFFER = 1 << 16;

    private JsonlLines() {
    }

    /** Scans a stream line by line; the current line is {@code buf[start, start + length)}. */
    static final class Scanner {
        private final InputStream in;
        private byte[] buf = new byte[BUFFER];
        private int pos;
        private int end;
        private long bufOffset;
        private boolean eof;
        private int number;

        byte[] buf() {
            return buf;
        }

        int start;
        int length;
        long offset;

        Scanner(InputStream in) {
            this.in = in;
        }

        /** The current line's number, from 1. */
        int number() {
            return number;
        }

        /** Moves to the next line; false at the end of the stream. */
        boolean next() throws IOException {
            int i = pos;
            while (true) {
                while (i < end && buf[i] != '\n' && buf[i] != '\r') {
                    i++;
                }
                if (i < end && (buf[i] == '\n' || i + 1 < end || eof)) {
                    int terminator = buf[i] == '\r' && i + 1 < end && buf[i + 1] == '\n' ? 2 : 1;
                    line(pos, i - pos);
                    pos = i + terminator;
                    return true;
                }
                if (i >= end && eof) {
                    if (pos >= end) {
                        return false;
                    }
                    line(pos, end - pos);
                    pos = end;
                    return true;
                }
                i -= fill();
            }
        }

        private void line(int from, int len) {
            number++;
            start = from;
            length = len;
            offset = bufOffset + from;
            if (number == 1 && bom(buf, from, len)) {
                start += 3;
                length -= 3;
                offset += 3;
            }
        }

        /** Moves the unread bytes to the front, grows the buffer when a line fills it, reads more; the shift. */
        private int fill() throws IOException {
            int shift = pos;
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, end - pos);
                bufOffset += pos;
                end -= pos;
                pos = 0;
            }
            if (end == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                eof = true;
            } else {
                end += n;
            }
            return shift;
        }
    }

    /** Reads the line that starts at a given offset of a file; efficient when the offsets mostly increase. */
    static final class At implements Closeable {
        private final FileChannel channel;
        private final long size;
        private byte[] buf = new byte[BUFFER];
        private long windowOffset = -1;
        private int windowLength;
        int start;
        int length;

        At(Path file) throws IOException {
            this.channel = FileChannel.open(file, StandardOpenOption.READ);
            this.size = channel.size();
        }

        byte[] buf() {
            return buf;
        }

        /** Positions {@code buf[start, start + length)} on the line at {@code offset}. */
        void read(long offset) throws IOException {
            if (offset < windowOffset || offset >= windowOffset + windowLength) {
                load(offset);
            }
            while (true) {
                int from = (int) (offset - windowOffset);
                int i = from;
                int stop = windowLength;
                while (i < stop && buf[i] != '\n' && buf[i] != '\r') {
                    i++;
                }
                if (i < stop || windowOffset + windowLength >= size) {
                    start = from;
                    length = i - from;
                    return;
                }
                if (from == 0) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
                }
                load(offset);
            }
        }

        private void load(long offset) throws IOException {
            ByteBuffer target = ByteBuffer.wrap(buf);
            long at = offset;
            while (target.hasRemaining() && at < size) {
                int n = channel.read(target, at);
                if (n < 0) {
                    break;
                }
                at += n;
            }
            windowOffset = offset;
            windowLength = target.position();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    static boolean bom(byte[] b, int from, int len) {
        return len >= 3 && (b[from] & 0xFF) == 0xEF && (b[from + 1] & 0xFF) == 0xBB && (b[from + 2] & 0xFF) == 0xBF;
    }

    /** The line's text, strictly decoded: a malformed byte sequence is an error naming the line and the byte. */
    static String decode(String location, int line, byte[] b, int from, int len, CharsetDecoder decoder) {
        boolean ascii = true;
        for (int i = from; i < from + len; i++) {
            if (b[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(b, from, len, StandardCharsets.ISO_8859_1);
        }
        decoder.reset();
        try {
            return decoder.decode(ByteBuffer.wrap(b, from, len)).toString();
        } catch (CharacterCodingException e) {
            decoder.reset();
            ByteBuffer in = ByteBuffer.wrap(b, from, len);
            decoder.decode(in, CharBuffer.allocate(len + 1), true);
            int at = in.position();
            return (String) fail(PoolException.at(location, line, String.format("not valid UTF-8 at byte %d of the "
                    + "line (0x%02X); save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: re-encode from "
                    + "the file's real encoding, e.g. Windows-1252)", at - from + 1, b[Math.min(at, from + len - 1)]
                    & 0xFF)));
        }
    }

    static CharsetDecoder strictDecoder() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static Object fail(PoolException e) {
        throw e;
    }
}
