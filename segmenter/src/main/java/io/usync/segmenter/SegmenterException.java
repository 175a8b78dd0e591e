package io.usync.segmenter;

/** The one fault hierarchy of the segmenter module: I/O failures and broken invariants, never bad input data. */
public sealed class SegmenterException extends RuntimeException
        permits SegmenterException.ReadFailed, SegmenterException.ScanFailed {

    private static final long serialVersionUID = 1L;

    /** Creates a fault with a one-line message and its cause. */
    protected SegmenterException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Reading a source file failed for a reason other than the file changing (which is a value). */
    public static final class ReadFailed extends SegmenterException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault for {@code what} with its cause. */
        public ReadFailed(String what, Throwable cause) {
            super(what, cause);
        }
    }

    /** The scan root itself could not be walked (entries below it are reported as skipped instead). */
    public static final class ScanFailed extends SegmenterException {
        private static final long serialVersionUID = 1L;

        /** Creates the fault for {@code what} with its cause. */
        public ScanFailed(String what, Throwable cause) {
            super(what, cause);
        }
    }
}
