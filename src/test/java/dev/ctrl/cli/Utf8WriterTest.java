package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8WriterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintWriter out = new PrintWriter(new Utf8Writer(bytes));

  private String written() {
    out.flush();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void writesAsciiAndNonAsciiTextAsUtf8() {
    out.print("plan ");
    out.println("für Zürich → 🚀");
    out.write("xxabcxx", 2, 3);

    assertThat(written()).isEqualTo("plan für Zürich → 🚀" + System.lineSeparator() + "abc");
    assertThat(bytes.toByteArray()).hasSize("plan für Zürich → 🚀".getBytes(StandardCharsets.UTF_8).length
        + System.lineSeparator().length() + 3);
  }

  @Test
  void halfAPairLeftAtTheEndIsWrittenAsAQuestionMark() {
    out.print("ok ");
    out.print("🚀".charAt(0));
    out.close();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("ok ?");
  }

  @Test
  void aSurrogatePairPrintedOneCharAtATimeStaysOneCharacter() {
    String rocket = "🚀";
    out.print(rocket.charAt(0));
    out.print(rocket.charAt(1));
    out.print('!');
    char[] split = "a🚀b".toCharArray();
    out.write(split, 0, 2);
    out.write(split, 2, 2);

    assertThat(written()).isEqualTo("🚀!a🚀b");
  }
}
