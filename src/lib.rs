//! copydesk
