package dev.fracture.core.judge.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SHA-256 over a judge's own code and resources, so that any change that can change a verdict
 * changes the judge's fingerprint without anyone bumping a version.
 *
 * <p>Starting from the judge's class file, every class named in a class file's constant pool (class
 * references, field and method descriptors, signatures) whose name starts with the package prefix is
 * followed, transitively. The digest covers each class's name and bytes in name order, then each
 * resource's name and bytes in the order given.
 */
public final class JudgeCode {

    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z0-9_$/]+");

    /** What was hashed and the hex SHA-256 over it. */
    public record Digest(List<String> classes, List<String> resources, String sha256) {
    }

    private JudgeCode() {
    }

    /** Reads class-path resources through a class loader; fails naming the resource when absent. */
    public static Function<String, byte[]> classPath(ClassLoader loader) {
        return name -> {
            try (InputStream in = loader.getResourceAsStream(name)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + " from the class path", e);
            }
        };
    }

    /**
     * Hashes the classes reachable from {@code rootClass} (binary name, e.g. {@code a.b.C}) within
     * {@code packagePrefix} (e.g. {@code a/b/}), and the resources (class-path names without a leading
     * slash). {@code bytes} returns a class-path entry's bytes, or null when absent.
     */
    public static Digest digest(String rootClass, String packagePrefix, List<String> resources,
                                Function<String, byte[]> bytes) {
        TreeSet<String> classes = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        String root = rootClass.replace('.', '/');
        if (bytes.apply(root + ".class") == null) {
            throw new IllegalStateException("class file of " + rootClass + " is not on the class path");
        }
        todo.add(root);
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (!classes.add(name)) {
                continue;
            }
            for (String referenced : referencedClasses(bytes.apply(name + ".class"), packagePrefix)) {
                if (!classes.contains(referenced) && bytes.apply(referenced + ".class") != null) {
                    todo.add(referenced);
                }
            }
        }
        MessageDigest sha = sha256();
        for (String name : classes) {
            update(sha, name + ".class", bytes.apply(name + ".class"));
        }
        List<String> hashedResources = new ArrayList<>();
        for (String resource : resources) {
            byte[] content = bytes.apply(resource);
            if (content == null) {
                throw new IllegalStateException("judge resource " + resource + " is missing from the class path");
            }
            update(sha, resource, content);
            hashedResources.add(resource);
        }
        return new Digest(List.copyOf(classes), List.copyOf(hashedResources), HexFormat.of().formatHex(sha.digest()));
    }

    private static void update(MessageDigest sha, String name, byte[] content) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        sha.update(intBytes(n.length));
        sha.update(n);
        sha.update(intBytes(content.length));
        sha.update(content);
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    /** Class names under the prefix mentioned anywhere in a class file's constant pool. */
    static List<String> referencedClasses(byte[] classFile, String packagePrefix) {
        List<String> names = new ArrayList<>();
        for (String utf8 : constantPoolStrings(classFile)) {
            int at = utf8.indexOf(packagePrefix);
            while (at >= 0) {
                Matcher m = CLASS_NAME.matcher(utf8).region(at, utf8.length());
                if (m.lookingAt()) {
                    names.add(m.group());
                }
                at = utf8.indexOf(packagePrefix, at + packagePrefix.length());
            }
        }
        return names;
    }

    /** The CONSTANT_Utf8 entries of a class file (JVMS §4.4). */
    static List<String> constantPoolStrings(byte[] classFile) {
        List<String> strings = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file (bad magic number)");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> strings.add(in.readUTF());
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at entry " + i);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated class file: " + e.getMessage(), e);
        }
        return strings;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
