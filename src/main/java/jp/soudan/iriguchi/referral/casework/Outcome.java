package jp.soudan.iriguchi.referral.casework;

/** How a ticket ended. {@link #NONE} while it is open. */
public enum Outcome {
    NONE("—"),
    SUPPORT_STARTED("支援につながった"),
    REFERRED_ELSEWHERE("他の機関につないだ"),
    INFORMATION_GIVEN("情報提供で終了"),
    NO_CONTACT("連絡がとれなかった"),
    RESIDENT_DECLINED("本人が希望しなかった"),
    DUPLICATE("重複");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
