/**
 * The share manifest (format v1, docs/share-format.md): the model of one published version of a
 * share (folders, files, blobs and their segment layout, attempt exceptions) and its versioned
 * binary codec. The uploader writes it, the downloader reads it; every field read from the wire is
 * bounded and validated because a manifest is hostile input until its seal has been checked.
 */
package io.usync.core.manifest;
