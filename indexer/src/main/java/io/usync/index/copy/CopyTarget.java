package io.usync.index.copy;

/** Where rows of type {@code T} go: the COPY statement and how one row becomes a binary tuple. */
public interface CopyTarget<T> {

    /** The full {@code COPY table (columns) FROM STDIN (FORMAT binary)} statement. */
    String copyStatement();

    /** Writes one row as a tuple ({@code out.row(n)} then n fields); may throw to refuse a value. */
    void encode(T row, BinaryCopyBuffer out);
}
