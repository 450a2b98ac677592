package io.nvsim.sweep;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sweep's journal: one line {@code done <point-id> <hash>} appended and forced to disk after
 * each point's directory is in place. A line cut short by a kill is ignored when read back.
 */
public final class Journal implements AutoCloseable {
    private final FileChannel channel;

    public Journal(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Records a finished point durably. */
    public synchronized void done(String pointId, String hash) throws IOException {
        channel.write(ByteBuffer.wrap(("done " + pointId + " " + hash + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
    }

    /** The finished points recorded in {@code file} (id -> hash); complete lines only. */
    public static Map<String, String> read(Path file) throws IOException {
        Map<String, String> done = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return done;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        int complete = text.endsWith("\n") ? lines.size() : lines.size() - 1;
        for (int i = 0; i < complete; i++) {
            String[] f = lines.get(i).split(" ");
            if (f.length == 3 && f[0].equals("done")) {
                done.put(f[1], f[2]);
            }
        }
        return done;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
