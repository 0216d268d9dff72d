package jp.soudan.iriguchi.referral.casework;

/** Where a ticket stands: new → assigned → in contact → referred or closed (with an outcome). */
public enum TicketStatus {
    NEW("新規"),
    ASSIGNED("担当決定"),
    IN_CONTACT("連絡中"),
    REFERRED("つないだ"),
    CLOSED("終了");

    private final String label;

    TicketStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isOpen() {
        return this != REFERRED && this != CLOSED;
    }
}
