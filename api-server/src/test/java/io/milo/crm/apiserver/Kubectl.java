package io.milo.crm.apiserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Kubectl runs the real kubectl binaries installed on this machine ({@code kubectl.<minor>} next to
 * the kubectl on the PATH); a test whose binary is missing is skipped, saying why.
 */
public record Kubectl(Path binary, Path kubeconfig, Path scratch) {
  /** A finished kubectl run. */
  public record Run(int exit, String out, String err) {
    public Run ok() {
      if (exit != 0) {
        throw new AssertionError("kubectl failed (" + exit + "): " + err + out);
      }
      return this;
    }
  }

  public static Kubectl version(String minor, Path kubeconfig, Path scratch) throws Exception {
    Process which = new ProcessBuilder("sh", "-c", "readlink -f \"$(command -v kubectl)\"").start();
    String found = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    which.waitFor(10, TimeUnit.SECONDS);
    Path binary = found.isEmpty() ? null : Path.of(found).resolveSibling("kubectl." + minor);
    boolean present = binary != null && Files.isExecutable(binary);
    if (!present) {
      System.out.println("SKIPPED: kubectl." + minor + " is not installed next to the kubectl on the PATH");
    }
    Assumptions.assumeTrue(present, "kubectl." + minor + " is not installed next to the kubectl on the PATH");
    return new Kubectl(binary, kubeconfig, scratch);
  }

  public Run run(String... args) throws Exception {
    return runWithInput(null, args);
  }

  public Run runWithInput(String stdin, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("HOME", scratch.toString());
    if (stdin != null) {
      Path in = Files.createTempFile(scratch, "in", ".txt");
      Files.writeString(in, stdin);
      builder.redirectInput(in.toFile());
    }
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("kubectl did not finish within 60 s: " + command);
    }
    return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts kubectl in the background (e.g. get -w), its output going to a file. */
  public Process start(Path output, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectErrorStream(true);
    builder.environment().put("HOME", scratch.toString());
    return builder.start();
  }
}
