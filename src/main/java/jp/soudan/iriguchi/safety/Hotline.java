package jp.soudan.iriguchi.safety;

/**
 * A telephone line the crisis reply points to, as shown to the resident.
 *
 * @param name   the line's name, e.g. よりそいホットライン
 * @param number the number to dial, e.g. 0120-279-338 or #8008
 * @param hours  when it answers, in words, e.g. 24時間 or 毎日 10:00〜22:00
 */
public record Hotline(String name, String number, String hours) {
}
