import { formatIsoDate, parseIsoDate } from '../../../calendar/civil-date.js';
import type { CalendarDay } from '../calendar-view.js';
import { type CalendarPageContext, DayTitle, EntryItem, newEventHref } from './calendar-parts.js';

/** Seven days side by side on a wide screen, one under the other on a phone; days with nothing say so. */
export function WeekView(props: { days: CalendarDay[]; ctx: CalendarPageContext }) {
  const { ctx } = props;
  const { t } = ctx.i18n;
  return (
    <ol class="cal-week">
      {props.days.map((day) => {
        const date = parseIsoDate(day.date)!;
        const today = day.date === formatIsoDate(ctx.today);
        return (
          <li class={`cal-week-day${today ? ' is-today' : ''}${day.items.length === 0 ? ' is-empty' : ''}`} id={`day-${day.date}`}>
            <h3 class="cal-day-heading">
              <DayTitle date={date} ctx={ctx} />
            </h3>
            {day.items.length === 0 ? (
              <p class="muted cal-nothing">{t('calendar.nothingPlanned')}</p>
            ) : (
              <ul class="cal-entries">
                {day.items.map((item) => (
                  <EntryItem item={item} date={day.date} ctx={ctx} />
                ))}
              </ul>
            )}
            {ctx.canEdit ? (
              <a class="cal-add-day" href={newEventHref(ctx.slug, date)}>
                + {t('calendar.addShort')}<span class="visually-hidden"> {t('calendar.addOn', { date: ctx.i18n.date(date, 'weekdayDayMonth') })}</span>
              </a>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
