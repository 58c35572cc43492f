package io.milo.crm.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ServerProcess is the server's process on this machine, found by pid or by the TCP port it
 * listens on (/proc/net/tcp{,6} gives the listening socket's inode, /proc/PID/fd the process that
 * holds it), so that its resident memory (VmRSS in /proc/PID/status) can be read.
 */
final class ServerProcess {
  private final long pid;

  private ServerProcess(long pid) {
    this.pid = pid;
  }

  static ServerProcess of(long pid) {
    return new ServerProcess(pid);
  }

  /** The process listening on port, or null when none of this user's processes does. */
  static ServerProcess listeningOn(int port) {
    Set<String> inodes = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      try {
        for (String line : Files.readAllLines(Path.of(table))) {
          String[] f = line.trim().split("\\s+");
          // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is the tenth column.
          if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])
              && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
            inodes.add("socket:[" + f[9] + "]");
          }
        }
      } catch (IOException | NumberFormatException e) {
        // no such table (no IPv6) or a header line
      }
    }
    if (inodes.isEmpty()) {
      return null;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
          for (Path fd : fds) {
            if (inodes.contains(Files.readSymbolicLink(fd).toString())) {
              return new ServerProcess(Long.parseLong(proc.getFileName().toString()));
            }
          }
        } catch (IOException | SecurityException e) {
          // another user's process, or gone
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  long pid() {
    return pid;
  }

  /** VmRSS in MiB, or NaN when the process is gone. */
  double rssMiB() {
    return statusKiB("VmRSS:") / 1024.0;
  }

  /** VmHWM (peak RSS) in MiB, or NaN. */
  double peakRssMiB() {
    return statusKiB("VmHWM:") / 1024.0;
  }

  private double statusKiB(String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key)) {
          return Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Double.NaN;
    }
    return Double.NaN;
  }
}
