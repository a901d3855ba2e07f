package dev.ctrl.agent.terraform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * A directory as a .tar.gz, the form Terraform Cloud takes a configuration in (POSIX ustar, as
 * `tar czf` writes it): regular files only, sorted by path, with their size, mode (0755 when
 * executable, else 0644) and modification time. `.git` and `.terraform` directories are left out,
 * as the terraform CLI leaves them out of its own uploads, and so are symbolic links. A few lines
 * of tar are cheaper than a compression library for this one use.
 */
final class TarGz {
  private static final Set<String> SKIPPED = Set.of(".git", ".terraform");
  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * The files of dir (relative paths with `/`), in the order they are archived. dir itself may be
   * a symbolic link (a monorepo's `infra -> ../shared/infra`); links inside it are left out.
   */
  static List<String> files(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    Path root = dir.toRealPath(); // a walk does not enter a link, not even the one it starts at
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
        Path rel = root.relativize(p);
        boolean skipped = false;
        for (Path part : rel) {
          skipped |= SKIPPED.contains(part.toString());
        }
        if (!skipped && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(rel.toString().replace('\\', '/'));
        }
      }
    }
    return out;
  }

  /** The archive of files (as {@link #files} listed them) of dir. */
  static byte[] of(Path dir, List<String> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      for (String name : files) {
        Path file = dir.resolve(name);
        byte[] content = Files.readAllBytes(file);
        gz.write(header(name, content.length, Files.isExecutable(file) ? 0755 : 0644,
            Files.getLastModifiedTime(file).toMillis() / 1000));
        gz.write(content);
        pad(gz, content.length);
      }
      gz.write(new byte[2 * BLOCK]); // end of archive: two zero blocks
    }
    return bytes.toByteArray();
  }

  /** A ustar header block; a name longer than 100 bytes is split into prefix and name at a `/`. */
  static byte[] header(String path, long size, int mode, long mtime) throws IOException {
    byte[] h = new byte[BLOCK];
    byte[] full = path.getBytes(StandardCharsets.UTF_8);
    String prefix = "";
    String name = path;
    if (full.length > 100) {
      int cut = -1;
      for (int i = path.indexOf('/'); i > 0 && cut < 0; i = path.indexOf('/', i + 1)) {
        if (utf8(path.substring(0, i)) <= 155 && utf8(path.substring(i + 1)) <= 100) {
          cut = i;
        }
      }
      if (cut < 0) {
        throw new IOException(path + ": the path is too long for a tar archive (a name over 100 bytes, or over 255 in all)");
      }
      prefix = path.substring(0, cut);
      name = path.substring(cut + 1);
    }
    put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0); // uid
    octal(h, 116, 8, 0); // gid
    octal(h, 124, 12, size);
    octal(h, 136, 12, mtime);
    h[156] = '0'; // a regular file
    put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
    // the checksum is computed with its own field read as spaces
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    return h;
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static void put(byte[] h, int at, int max, byte[] value) {
    System.arraycopy(value, 0, h, at, Math.min(max, value.length));
  }

  /** An octal number in width-1 digits, zero-padded, then NUL. */
  private static void octal(byte[] h, int at, int width, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, width - 1 - digits.length())) + digits;
    put(h, at, width - 1, padded.getBytes(StandardCharsets.US_ASCII));
    h[at + width - 1] = 0;
  }

  private static void pad(OutputStream out, int length) throws IOException {
    int rest = length % BLOCK;
    if (rest != 0) {
      out.write(new byte[BLOCK - rest]);
    }
  }
}
