//! `describeCredit`: one English sentence about a credit.
