//! Care plans (tests being written).
