package io.nvsim.kernel;

/**
 * Bad input from a user: a config or data file that does not parse, an unknown parameter, a value
 * of the wrong type. It carries where (file and line, when known) and what was expected, so
 * that the command line can print one clear line and exit with code 2.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;

    /** An error at {@code file}:{@code line}; {@code line} &lt;= 0 means unknown. */
    public InputException(String file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    /** An error not tied to a file (e.g. a command-line argument). */
    public InputException(String message) {
        this(null, 0, message);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** "file:line: message", "file: message" or "message". */
    public String describe() {
        if (file == null) {
            return getMessage();
        }
        return line > 0 ? file + ":" + line + ": " + getMessage() : file + ": " + getMessage();
    }
}
