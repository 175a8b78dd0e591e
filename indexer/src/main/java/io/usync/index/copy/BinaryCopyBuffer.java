package io.usync.index.copy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/** A growable buffer of binary COPY tuples; fields are big-endian as PostgreSQL's binary I/O expects. */
public final class BinaryCopyBuffer {

    /** The binary COPY signature, flags word and header-extension length. */
    static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    /** The file trailer: a field count of -1. */
    static final byte[] TRAILER = {(byte) 0xFF, (byte) 0xFF};
    /** Microseconds from the Unix epoch to PostgreSQL's epoch, 2000-01-01T00:00:00Z. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private byte[] bytes;
    private int size;
    private int rowStart = -1;

    /** Starts with {@code capacity} bytes. */
    public BinaryCopyBuffer(int capacity) {
        bytes = new byte[Math.max(64, capacity)];
    }

    /** Starts a tuple of {@code fields} fields. */
    public BinaryCopyBuffer row(int fields) {
        rowStart = size;
        ensure(2);
        putShort(fields);
        return this;
    }

    /** Discards a partly written tuple (after a value was refused). */
    void abandonRow() {
        if (rowStart >= 0) {
            size = rowStart;
            rowStart = -1;
        }
    }

    /** Marks the current tuple complete. */
    void endRow() {
        rowStart = -1;
    }

    /** A NULL field. */
    public BinaryCopyBuffer nullField() {
        ensure(4);
        putInt(-1);
        return this;
    }

    /** An {@code int2} field. */
    public BinaryCopyBuffer int2(int value) {
        ensure(6);
        putInt(2);
        putShort(value);
        return this;
    }

    /** An {@code int4} field. */
    public BinaryCopyBuffer int4(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    /** An {@code int8} field. */
    public BinaryCopyBuffer int8(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    /** A {@code bytea} field (the raw bytes). */
    public BinaryCopyBuffer bytea(byte[] value) {
        ensure(4 + value.length);
        putInt(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    /** A {@code text} (or enum label) field, UTF-8. */
    public BinaryCopyBuffer text(String value) {
        return bytea(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code timestamptz} field: microseconds since 2000-01-01 UTC. */
    public BinaryCopyBuffer timestamptz(Instant value) {
        long micros = Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L), value.getNano() / 1000);
        return int8Raw(micros - PG_EPOCH_MICROS);
    }

    private BinaryCopyBuffer int8Raw(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    /** Bytes written. */
    public int size() {
        return size;
    }

    byte[] array() {
        return bytes;
    }

    /** Empties the buffer, keeping its capacity. */
    void clear() {
        size = 0;
        rowStart = -1;
    }

    /** Bytes of the complete tuples only (a tuple being written is excluded). */
    int completeSize() {
        return rowStart >= 0 ? rowStart : size;
    }

    /** Moves the bytes of an unfinished tuple to the front after the complete part was sent. */
    void compactAfterSending(int sent) {
        System.arraycopy(bytes, sent, bytes, 0, size - sent);
        size -= sent;
        if (rowStart >= 0) {
            rowStart -= sent;
        }
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void putShort(int v) {
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putInt(int v) {
        bytes[size++] = (byte) (v >>> 24);
        bytes[size++] = (byte) (v >>> 16);
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }
}
