package jp.soudan.iriguchi.desk;

/** What an account may do in the console and the API. */
enum Role {
    /** Works the tickets of their own desks. */
    STAFF("相談員"),
    /** Reads the tickets of every desk; changes nothing. */
    SUPERVISOR("スーパーバイザー"),
    /** Manages accounts; sees the audit log, desks and routing; no tickets. */
    ADMIN("管理者"),
    /** A case-management system using the JSON API with HTTP Basic, for its desks; never the console. */
    API("API連携");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    String authority() {
        return "ROLE_" + name();
    }
}
