package dev.ctrl.agent.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ctrl.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration archive is a tar.gz that the system's tar reads back as written. */
class TarGzTest {
  @TempDir Path dir;

  @Test
  void theSystemTarReadsTheArchiveWithLongPathsModesAndContents() throws Exception {
    assumeThat(Path.of("/usr/bin/tar").toFile().canExecute() || Path.of("/bin/tar").toFile().canExecute())
        .as("a tar to read the archive with").isTrue();
    Path src = dir.resolve("src");
    String deep = "modules/" + "network-".repeat(10) + "x/" + "subnets-".repeat(12) + ".tf"; // over 100 bytes
    TestFiles.write(src, "main.tf", "terraform {}\n");
    TestFiles.write(src, deep, "# deep\n");
    TestFiles.write(src, "scripts/hook.sh", "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(src.resolve("scripts/hook.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    TestFiles.write(src, ".terraform/plugins/p.bin", "x");
    TestFiles.write(src, ".git/HEAD", "ref");
    Files.createSymbolicLink(src.resolve("link.tf"), src.resolve("main.tf"));
    Files.write(dir.resolve("c.tgz"), TarGz.of(src, TarGz.files(src)));

    Process p = new ProcessBuilder("tar", "-tvzf", dir.resolve("c.tgz").toString()).redirectErrorStream(true).start();
    List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
    assertThat(p.waitFor()).as(String.join("\n", lines)).isZero();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("-rw-r--r--").endsWith(" main.tf");
    assertThat(lines.get(1)).endsWith(" " + deep);
    assertThat(lines.get(2)).startsWith("-rwxr-xr-x").endsWith(" scripts/hook.sh");

    Path out = Files.createDirectory(dir.resolve("out"));
    Process x = new ProcessBuilder("tar", "-xzf", dir.resolve("c.tgz").toString(), "-C", out.toString())
        .redirectErrorStream(true).start();
    assertThat(x.waitFor()).isZero();
    assertThat(Files.readString(out.resolve(deep))).isEqualTo("# deep\n");
    assertThat(Files.readString(out.resolve("scripts/hook.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
  }

  @Test
  void aConfigurationDirectoryThatIsASymbolicLinkIsPackedButLinksInsideItAreNot() throws Exception {
    Path real = dir.resolve("shared/infra");
    TestFiles.write(real, "main.tf", "terraform {}\n");
    TestFiles.write(dir, "secret.txt", "outside");
    Files.createSymbolicLink(real.resolve("escape.txt"), dir.resolve("secret.txt"));
    Files.createSymbolicLink(real.resolve("up"), dir);
    Path link = Files.createSymbolicLink(dir.resolve("infra"), real);

    assertThat(TarGz.files(link)).containsExactly("main.tf");
  }
}
