package io.usync.upload;

/** A source file changed, shrank or vanished while it was being read. */
public final class SourceChangedException extends UploadException {

    private static final long serialVersionUID = 1L;

    /** Creates the fault for {@code path} with the reader's reason. */
    public SourceChangedException(String path, String reason) {
        super(path + " changed while it was being uploaded (" + reason + "); run the upload again to post the new content");
    }
}
