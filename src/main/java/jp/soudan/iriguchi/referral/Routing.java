package jp.soudan.iriguchi.referral;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import jp.soudan.iriguchi.referral.DeskDirectory.DeskEntry;
import jp.soudan.iriguchi.referral.ReferralRequest.Urgency;

/**
 * Which desk takes a request: each topic goes where the first matching rule (topic × area) sends
 * it; topics that lead to different desks go to the desk for several troubles at once (the
 * comprehensive desk), so that a household is not passed from counter to counter.
 */
@Component
class Routing {

    /**
     * @param desk the desk that owns the ticket
     * @param onDuty the on-duty desk, also alerted for an urgent ticket (null when it is the same desk or not urgent)
     */
    record Route(DeskEntry desk, @Nullable DeskEntry onDuty) {
    }

    private final DeskDirectory directory;

    Routing(DeskDirectory directory) {
        this.directory = directory;
    }

    Route route(List<String> topics, @Nullable String area, Urgency urgency) {
        DeskEntry desk = deskFor(topics, area);
        DeskEntry onDuty = directory.onDuty();
        boolean alsoOnDuty = urgency == Urgency.URGENT && !onDuty.id().equals(desk.id());
        return new Route(desk, alsoOnDuty ? onDuty : null);
    }

    DeskEntry deskFor(List<String> topics, @Nullable String area) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String topic : topics) {
            candidates.add(directory.rules().stream()
                    .filter(rule -> rule.matches(topic, area))
                    .map(DeskDirectory.Rule::deskId)
                    .findFirst()
                    .orElse(directory.fallback().id()));
        }
        if (candidates.isEmpty()) {
            return directory.fallback();
        }
        if (candidates.size() > 1) {
            return directory.severalDesks();
        }
        return directory.get(candidates.iterator().next());
    }
}
