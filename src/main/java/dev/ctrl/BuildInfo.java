package dev.ctrl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Facts about this build: its version, for `--version` and the User-Agent of every API call. */
public final class BuildInfo {
  private static volatile String version;

  private BuildInfo() {}

  public static String version() {
    String v = version;
    if (v == null) {
      Properties p = new Properties();
      try (InputStream in = BuildInfo.class.getResourceAsStream("/dev/ctrl/build.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        // an unreadable resource reads as an unknown version
      }
      v = p.getProperty("version", "unknown");
      version = v;
    }
    return v;
  }
}
