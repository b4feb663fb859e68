//! Record keys: UUID v7, so keys sort by creation time and stay unique across
//! laptops if a clinic later syncs several caseloads.

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
