package jp.soudan.iriguchi.line;

/** A signed webhook whose events cannot be stored as they are; LINE gets a 400. */
class MalformedEventException extends RuntimeException {

    MalformedEventException(String message) {
        super(message);
    }
}
