package jp.soudan.iriguchi.desk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import jp.soudan.iriguchi.referral.ReferralRequest.AboutWhom;
import jp.soudan.iriguchi.referral.ReferralRequest.ContactMethod;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/** The console's Japanese words for codes. */
final class Labels {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("M月d日(E) H:mm", Locale.JAPANESE);

    private Labels() {
    }

    static String urgency(Urgency urgency) {
        return switch (urgency) {
            case URGENT -> "至急";
            case SOON -> "早めに";
            case NORMAL -> "通常";
        };
    }

    static String aboutWhom(AboutWhom aboutWhom) {
        return switch (aboutWhom) {
            case SELF -> "本人のこと";
            case FAMILY -> "家族のこと";
            case ACQUAINTANCE -> "知人のこと";
            case NEIGHBOUR -> "近所の人のこと";
            case UNKNOWN -> "不明";
        };
    }

    static String contactMethod(ContactMethod method) {
        return switch (method) {
            case LINE_ONLY -> "LINEのみ";
            case PHONE -> "電話可";
            case VISIT -> "訪問可";
        };
    }

    static String historyKind(String kind) {
        return switch (kind) {
            case "OPENED" -> "受付";
            case "CLAIMED" -> "担当になった";
            case "NOTE_ADDED" -> "メモを追加";
            case "REPLIED" -> "相談者に返信";
            case "HANDOFF_STARTED" -> "相談員対応を開始";
            case "HANDED_BACK" -> "ボットに戻した";
            case "TRANSFERRED" -> "転送";
            case "STATUS_CHANGED" -> "状態を変更";
            case "CLOSED" -> "終了";
            case "RAISED_TO_URGENT" -> "至急に変更（再通知）";
            case "FOLLOW_UP_SENT" -> "フォローアップを送信";
            case "FOLLOW_UP_ANSWERED" -> "フォローアップに回答";
            case "DATA_ERASED" -> "相談者がデータの削除を求めた（LINEとのつながりと本人の言葉を削除）";
            case "RESIDENT_UNSENT" -> "相談者がメッセージを取り消した（その言葉を削除）";
            default -> kind;
        };
    }

    static String followUpAnswer(@Nullable String answer) {
        if (answer == null) {
            return "";
        }
        return answer.equals("yes") ? "つながれた" : "まだつながっていない";
    }

    static String dateTime(@Nullable Instant at, ZoneId zone) {
        return at == null ? "" : DATE_TIME.format(at.atZone(zone));
    }

    /** 12分前, 3時間前, 2日前, たったいま. */
    static String ago(Instant openedAt, Instant now) {
        String age = age(openedAt, now);
        return age.equals("いま") ? "たったいま" : age + "前";
    }

    /** How long a ticket has waited, in the words a desk uses: 12分, 3時間, 2日. */
    static String age(Instant openedAt, Instant now) {
        Duration age = Duration.between(openedAt, now);
        if (age.isNegative() || age.toMinutes() < 1) {
            return "いま";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + "分";
        }
        if (age.toDays() < 1) {
            return age.toHours() + "時間";
        }
        return age.toDays() + "日";
    }
}
