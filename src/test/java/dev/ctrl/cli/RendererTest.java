package dev.ctrl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {
  @Test
  void colourCodesTakeNoRoomInAColumn() {
    StringWriter text = new StringWriter();
    Renderer r = new Renderer(new PrintWriter(text, true), OutputFormat.table, true, Instant.EPOCH);
    r.table(List.of(List.of("CELL", "NEXT"), List.of("v1 " + r.paint("failed", "red"), "x"), List.of("v1 1/2", "y")));
    assertThat(text.toString().replaceAll("\u001b\\[[0-9;]*m", "").lines())
        .containsExactly("CELL        NEXT", "v1 failed   x", "v1 1/2      y");
  }
}
