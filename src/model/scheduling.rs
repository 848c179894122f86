//! `Voice.Api.Scheduling`: schedules and their rules.

use super::flows::Struct;
use crate::{dotnet_enum, dto};

dotnet_enum! {
    /// `System.DayOfWeek`.
    pub enum DayOfWeek in "System" {
        /// Sunday (0).
        Sunday,
        /// Monday.
        Monday,
        /// Tuesday.
        Tuesday,
        /// Wednesday.
        Wednesday,
        /// Thursday.
        Thursday,
        /// Friday.
        Friday,
        /// Saturday.
        Saturday,
    }
}

dotnet_enum! {
    /// How often a scheduling rule recurs.
    pub enum SchedulingRuleFrequency in "Voice.Api.Scheduling" {
        /// No recurrence.
        None,
        /// Every second.
        Secondly,
        /// Every minute.
        Minutely,
        /// Every hour.
        Hourly,
        /// Every day.
        Daily,
        /// Every week.
        Weekly,
        /// Every month.
        Monthly,
        /// Every year.
        Yearly,
    }
}

dotnet_enum! {
    /// The kind of a simple scheduling rule.
    pub enum SimpleSchedulingRuleTypes in "Voice.Api.Scheduling" {
        /// Always applies.
        Always,
        /// Applies in a customer state.
        CustomerState,
        /// Applies at times.
        Time,
    }
}

dto! {
    /// A day in a rule's `ByDay` list.
    pub struct ScheduleDay in "Voice.Api.Scheduling" {
        /// The offset (e.g. -1 for the last such day).
        Offset / offset => pub offset: i32,
        /// The day of the week.
        DayOfWeek / dayOfWeek => pub day_of_week: DayOfWeek,
    }
}

dto! {
    /// One rule of a schedule (an iCalendar-like recurrence).
    pub struct SchedulingRule in "Voice.Api.Scheduling" {
        /// The rule's ID.
        Id / id => pub id: Option<String>,
        /// The rule's name.
        Name / name => pub name: Option<String>,
        /// The rule's priority.
        Priority / priority => pub priority: i32,
        /// The state the rule sets.
        State / state => pub state: Option<String>,
        /// The source.
        Source / source => pub source: Option<String>,
        /// The condition.
        Condition / condition => pub condition: Option<String>,
        /// The simple rule type.
        SimpleRuleType / simpleRuleType => pub simple_rule_type: SimpleSchedulingRuleTypes,
        /// The customer state.
        CustomerState / customerState => pub customer_state: Option<String>,
        /// The flow to run.
        FlowId / flowId => pub flow_id: Option<String>,
        /// The flow's parameters.
        FlowParams / flowParams => pub flow_params: Option<Struct>,
        /// Whether the rule covers whole days.
        IsAllDay / isAllDay => pub is_all_day: bool,
        /// The start date.
        StartDate / startDate => pub start_date: Option<String>,
        /// The start time.
        StartTime / startTime => pub start_time: Option<String>,
        /// The end time.
        EndTime / endTime => pub end_time: Option<String>,
        /// BYSETPOS.
        BySetPosition / bySetPosition => pub by_set_position: Option<Vec<i32>>,
        /// BYMONTH.
        ByMonth / byMonth => pub by_month: Option<Vec<i32>>,
        /// BYWEEKNO.
        ByWeekNo / byWeekNo => pub by_week_no: Option<Vec<i32>>,
        /// BYYEARDAY.
        ByYearDay / byYearDay => pub by_year_day: Option<Vec<i32>>,
        /// BYMONTHDAY.
        ByMonthDay / byMonthDay => pub by_month_day: Option<Vec<i32>>,
        /// BYDAY.
        ByDay / byDay => pub by_day: Option<Vec<ScheduleDay>>,
        /// BYHOUR.
        ByHour / byHour => pub by_hour: Option<Vec<i32>>,
        /// BYMINUTE.
        ByMinute / byMinute => pub by_minute: Option<Vec<i32>>,
        /// INTERVAL.
        Interval / interval => pub interval: i32,
        /// COUNT.
        Count / count => pub count: i32,
        /// UNTIL.
        UntilDate / untilDate => pub until_date: Option<String>,
        /// FREQ.
        Frequency / frequency => pub frequency: SchedulingRuleFrequency,
    }
}

dto! {
    /// A customer's schedule.
    pub struct Schedule in "Voice.Api.Scheduling" {
        /// The IANA time zone.
        TimeZoneId / timeZoneId => pub time_zone_id: Option<String>,
        /// Inherit the parent's schedule.
        Inherit / inherit => pub inherit: bool,
        /// Force the closed state.
        ForceClosed / forceClosed => pub force_closed: bool,
        /// The rules, by priority.
        Rules / rules => pub rules: Option<Vec<SchedulingRule>>,
        /// The state when no rule applies.
        DefaultState / defaultState => pub default_state: Option<String>,
    }
}
