import { parseIsoDate } from '../../../calendar/civil-date.js';
import type { CalendarDay } from '../calendar-view.js';
import { type CalendarPageContext, DayTitle, EntryItem } from './calendar-parts.js';

/** How many days the agenda shows at once. */
export const AGENDA_DAYS = 14;

/** The days that have something on them, each with its entries in order. */
export function AgendaView(props: { days: CalendarDay[]; ctx: CalendarPageContext }) {
  const busy = props.days.filter((day) => day.items.length > 0);
  if (busy.length === 0) return <p class="empty-state cal-empty">{props.ctx.i18n.t('calendar.nothingInDays', { count: AGENDA_DAYS })}</p>;
  return (
    <ol class="cal-agenda">
      {busy.map((day) => {
        const date = parseIsoDate(day.date)!;
        return (
          <li class="cal-agenda-day" id={`day-${day.date}`}>
            <h3 class="cal-day-heading">
              <DayTitle date={date} ctx={props.ctx} />
            </h3>
            <ul class="cal-entries">
              {day.items.map((item) => (
                <EntryItem item={item} date={day.date} ctx={props.ctx} />
              ))}
            </ul>
          </li>
        );
      })}
    </ol>
  );
}
