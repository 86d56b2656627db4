<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>ActionDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="91"/>
        <source>Hồ sơ %1 — %2 — %3</source>
        <extracomment>run(parent, job, on_done, on_error): runs a core call in the background and shows a failure the standard way (the dossier view&apos;s :func:`ui.operations.run_op`)</extracomment>
        <translation>Dossier %1 — %2 — %3</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="100"/>
        <source>Xác nhận (Ctrl+Enter)</source>
        <translation>Confirm (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="102"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="126"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>ApologyDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="357"/>
        <source>Xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04)</source>
        <translation>Apology and new return date (Form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="360"/>
        <source>Cơ quan giải quyết:</source>
        <translation>Processing agency:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="361"/>
        <source>Lý do chậm trả kết quả (*):</source>
        <translation>Reason for the delay (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="367"/>
        <source>Ngày hẹn trả mới:</source>
        <translation>New return date:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="368"/>
        <source>Họ tên thủ trưởng ký phiếu (*):</source>
        <translation>Name of the head of agency who signs (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="370"/>
        <source>Lý do lập muộn (người giám sát):</source>
        <translation>Reason for the late apology (supervisor):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="375"/>
        <source>Hẹn trả hiện tại: %1. Phiếu xin lỗi phải lập chậm nhất 01 ngày làm việc trước ngày hẹn trả, và chỉ một lần.</source>
        <translation>Current return date: %1. The apology must be issued at least 1 working day before the return date, and only once.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="390"/>
        <source>Hãy ghi lý do lập phiếu xin lỗi muộn (được ghi vào nhật ký).</source>
        <translation>Write the reason for the late apology (it is recorded in the audit log).</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="402"/>
        <source>Bạn có quyền giám sát: ghi lý do lập muộn rồi xác nhận lại (Ctrl+Enter).</source>
        <translation>You are a supervisor: write the reason for the late apology, then confirm again (Ctrl+Enter).</translation>
    </message>
</context>
<context>
    <name>AuditCheck</name>
    <message>
        <location filename="../../ui/audit_check.py" line="47"/>
        <source>Nhật ký hệ thống bị can thiệp</source>
        <translation>The audit log has been tampered with</translation>
    </message>
    <message>
        <location filename="../../ui/audit_check.py" line="49"/>
        <source>Hãy báo ngay cho lãnh đạo và không sửa cơ sở dữ liệu; kiểm tra lại bằng lệnh «desk-app audit verify».</source>
        <translation>Tell the head of the office at once and do not change the database; check again with «desk-app audit verify».</translation>
    </message>
</context>
<context>
    <name>CashDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="83"/>
        <source>Kiểm đếm tiền mặt</source>
        <translation>Cash count</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="85"/>
        <source>Đã xác nhận thu bằng tiền mặt: %1</source>
        <translation>Confirmed in cash: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="99"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="100"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="113"/>
        <source>Tổng kiểm đếm: %1</source>
        <translation>Total counted: %1</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="163"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="166"/>
        <source>Quản trị viên đã đặt lại mật khẩu của bạn. Hãy chọn mật khẩu mới.</source>
        <translation>An administrator reset your password. Choose a new password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="179"/>
        <source>Mật khẩu hiện tại:</source>
        <translation>Current password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="183"/>
        <source>Mật khẩu mới (ít nhất %1 ký tự):</source>
        <translation>New password (at least %1 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="185"/>
        <source>Nhập lại mật khẩu mới:</source>
        <translation>New password again:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="186"/>
        <source>Không dùng mật khẩu phổ biến hay dựa trên tên của bạn; một câu ngắn dễ nhớ là mật khẩu tốt.</source>
        <translation>Do not use a common password or one based on your name; a short sentence you remember makes a good password.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="190"/>
        <source>Hai lần nhập mật khẩu mới không khớp.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>DefectTable</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="247"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier component</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="247"/>
        <source>Nội dung cần bổ sung, hoàn thiện</source>
        <translation>What must be supplemented or corrected</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="248"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>DeliveryBox</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="600"/>
        <source>Số hiệu bưu gửi trả kết quả</source>
        <translation>Item number of the returned result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="606"/>
        <source>Số hiệu (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="607"/>
        <source>Ghi chú (không phát được):</source>
        <translation>Note (not delivered):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="608"/>
        <source>Người nhận:</source>
        <translation>Receiver:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="609"/>
        <source>Số định danh người nhận:</source>
        <translation>Receiver&apos;s personal ID:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="610"/>
        <source>Ctrl+Shift+K: không phát được · Ctrl+Shift+D: đã phát (quét phiếu phát đã ký)</source>
        <translation>Ctrl+Shift+K: not delivered · Ctrl+Shift+D: delivered (scan the signed delivery note)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="621"/>
        <source>Bưu gửi %1: mời nhận lần %2 không thành công.</source>
        <translation>Item %1: delivery invitation %2 failed.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="623"/>
        <location filename="../../ui/postal_workspace.py" line="640"/>
        <source>Chưa ghi nhận được</source>
        <translation>Could not be recorded</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="637"/>
        <source>Bưu gửi %1: đã phát, hồ sơ đã trả kết quả.</source>
        <translation>Item %1: delivered, the dossier&apos;s result is returned.</translation>
    </message>
</context>
<context>
    <name>DossierBook</name>
    <message>
        <location filename="../../ui/dossier_book.py" line="113"/>
        <source>Mã hồ sơ (quét mã QR trên giấy hẹn), số định danh, họ tên (có dấu hoặc không), nội dung giấy tờ… rồi Enter</source>
        <translation>Dossier code (scan the QR on the appointment slip), personal ID, name (with or without diacritics), words of the papers… then Enter</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="116"/>
        <source>Tìm &amp;hồ sơ:</source>
        <translation>Searc&amp;h dossiers:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="120"/>
        <source>Ngày &amp;nhận từ</source>
        <translation>Received from (&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="125"/>
        <source>đến</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="128"/>
        <source>Mọi trạng thái</source>
        <translation>Any status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="129"/>
        <source>Đang giải quyết (2, 4, 5, 6)</source>
        <translation>Being processed (2, 4, 5, 6)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="132"/>
        <source>&amp;Trạng thái:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="135"/>
        <source>Mọi thủ tục</source>
        <translation>Any procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="140"/>
        <source>Thủ tụ&amp;c:</source>
        <translation>Pro&amp;cedure:</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="177"/>
        <source>Enter: tìm · ↓: vào danh sách · Enter trên dòng: mở hồ sơ · Esc trong hồ sơ: quay lại danh sách</source>
        <translation>Enter: search · ↓: into the list · Enter on a row: open the dossier · Esc in the dossier: back to the list</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="223"/>
        <source>Hãy nhập mã hồ sơ, số định danh, họ tên, nội dung giấy tờ, hoặc chọn bộ lọc.</source>
        <translation>Enter a dossier code, personal ID, name or words of the papers, or choose a filter.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="233"/>
        <source>Đang tìm…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="245"/>
        <source>Không tìm được: %1</source>
        <translation>Search failed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="251"/>
        <source>Không tìm thấy hồ sơ nào.</source>
        <translation>No dossier found.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="252"/>
        <source>Tìm thấy %1 hồ sơ.</source>
        <translation>%1 dossier(s) found.</translation>
    </message>
</context>
<context>
    <name>DossierViewPanel</name>
    <message>
        <location filename="../../ui/dossier_view.py" line="165"/>
        <source>Chuyển xử lý</source>
        <translation>Forward for processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="166"/>
        <source>Nhận bổ sung</source>
        <translation>Receive supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="167"/>
        <source>Yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Request supplement (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="168"/>
        <source>Xin lỗi, hẹn lại (Mẫu 04)</source>
        <translation>Apologise, new date (Form 04)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="169"/>
        <source>Dừng giải quyết</source>
        <translation>Stop processing</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="170"/>
        <source>Rút hồ sơ</source>
        <translation>Withdraw dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="171"/>
        <source>Nhận kết quả</source>
        <translation>Receive result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="172"/>
        <location filename="../../ui/dossier_view.py" line="360"/>
        <source>Trả kết quả</source>
        <translation>Return result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="174"/>
        <source>Thao tác (một phím khi đang xem hồ sơ)</source>
        <translation>Actions (one key while the dossier is shown)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="180"/>
        <source>Phím %1</source>
        <translation>Key %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="189"/>
        <source>Không có thao tác nào ở trạng thái này.</source>
        <translation>No action is possible in this status.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="192"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="192"/>
        <source>Diễn biến</source>
        <translation>What happened</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="192"/>
        <source>Người thực hiện</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="208"/>
        <source>Space: xem trang cỡ lớn</source>
        <translation>Space: show the page large</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="209"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="209"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="209"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="210"/>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="210"/>
        <source>Nội dung</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="213"/>
        <source>Diễn biến (Alt+1)</source>
        <translation>Timeline (Alt+1)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="214"/>
        <source>Trang giấy tờ (Alt+2)</source>
        <translation>Pages (Alt+2)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="215"/>
        <source>Tờ khai điện tử (Alt+3)</source>
        <translation>E-form (Alt+3)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="216"/>
        <source>Phí, kết quả, đồng bộ (Alt+4)</source>
        <translation>Fees, results, sync (Alt+4)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="224"/>
        <source>In lại biểu mẫu (Enter / Ctrl+P)</source>
        <translation>Print a form again (Enter / Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="277"/>
        <source>Đang mở hồ sơ %1…</source>
        <translation>Opening dossier %1…</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="305"/>
        <source>Không mở được hồ sơ: %1</source>
        <translation>Could not open the dossier: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="324"/>
        <source>Giấy hẹn (Mẫu 01): nhận %1, hẹn trả %2</source>
        <translation>Appointment slip (Form 01): received %1, return %2</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="325"/>
        <source>Chưa có giấy hẹn</source>
        <translation>No appointment slip yet</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="329"/>
        <source>ĐÀO TẠO</source>
        <translation>TRAINING</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="330"/>
        <source>Chủ hồ sơ: %1</source>
        <translation>Applicant: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="332"/>
        <source>Thủ tục: %1</source>
        <translation>Procedure: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="333"/>
        <source>Nhận: %1 — Hẹn trả: %2</source>
        <translation>Received: %1 — Due: %2</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="337"/>
        <source>Đã trả: %1</source>
        <translation>Returned: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="354"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="354"/>
        <source>Không thu</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="356"/>
        <source>Còn phải thu</source>
        <translation>Still to collect</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="357"/>
        <source>Thu phí</source>
        <translation>Payment</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="358"/>
        <source>Kết quả</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="361"/>
        <source>chờ gửi</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="361"/>
        <source>đang gửi</source>
        <translation>sending</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="361"/>
        <source>tỉnh đã nhận</source>
        <translation>received by the province</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="362"/>
        <source>lỗi, sẽ gửi lại</source>
        <translation>failed, will be retried</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="362"/>
        <source>cần xử lý</source>
        <translation>needs attention</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="363"/>
        <source>Đồng bộ: %1</source>
        <translation>Sync: %1</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="381"/>
        <source>Thẻ căn cước</source>
        <translation>ID card</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="381"/>
        <source>Sổ công dân</source>
        <translation>Citizen registry</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="382"/>
        <source>Giấy tờ đã số hóa</source>
        <translation>Digitised document</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="382"/>
        <source>Tờ khai giấy</source>
        <translation>Paper declaration</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="383"/>
        <source>Suy ra</source>
        <translation>Derived</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="383"/>
        <source>Cấu hình</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="383"/>
        <source>Cán bộ nhập</source>
        <translation>Typed by the clerk</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="384"/>
        <source>Mặc định</source>
        <translation>Default</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="384"/>
        <source>Hồ sơ trước</source>
        <translation>Previous dossier</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="397"/>
        <source>tiếp nhận</source>
        <translation>intake</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="397"/>
        <source>bổ sung</source>
        <translation>supplement</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="397"/>
        <source>kết quả</source>
        <translation>result</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="398"/>
        <source>đơn rút</source>
        <translation>withdrawal request</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="398"/>
        <source>ủy quyền</source>
        <translation>authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="456"/>
        <source>Biểu mẫu «%1» chưa có trong phiên bản này.</source>
        <translation>The form «%1» is not available in this version.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="469"/>
        <source>Chưa lập được biểu mẫu</source>
        <translation>The form could not be made</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="511"/>
        <source>Đã chuyển hồ sơ cho cán bộ xử lý.</source>
        <translation>The dossier was forwarded to the processing officer.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="512"/>
        <source>Đã yêu cầu bổ sung; thời hạn giải quyết tạm dừng.</source>
        <translation>Supplement requested; the time limit is paused.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="513"/>
        <source>Đã nhận hồ sơ bổ sung; hẹn trả mới: %1.</source>
        <translation>Supplement received; new return date: %1.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="514"/>
        <source>Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả.</source>
        <translation>Apology issued with a new return date.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="515"/>
        <source>Đã dừng giải quyết hồ sơ.</source>
        <translation>Processing of the dossier stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="516"/>
        <source>Công dân đã rút hồ sơ.</source>
        <translation>The citizen withdrew the dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="517"/>
        <source>Đã nhận kết quả giải quyết; có thể báo công dân đến nhận.</source>
        <translation>Result received; the citizen can be told to collect it.</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="518"/>
        <source>Đã trả kết quả cho công dân.</source>
        <translation>Result returned to the citizen.</translation>
    </message>
</context>
<context>
    <name>DueList</name>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="37"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="38"/>
        <source>Việc cần làm</source>
        <translation>What to do</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="49"/>
        <source>↑/↓ chọn hồ sơ · Enter: mở hồ sơ để xin lỗi, đôn đốc hoặc nhận bổ sung</source>
        <translation>↑/↓ choose a dossier · Enter: open it to apologise, chase or receive the supplement</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="61"/>
        <source>Không đọc được danh sách hạn xử lý: %1</source>
        <translation>Could not read the deadline list: %1</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="67"/>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="68"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="69"/>
        <source>Đến hạn trong 01 ngày làm việc</source>
        <translation>Due within 1 working day</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="70"/>
        <source>Chờ công dân bổ sung</source>
        <translation>Waiting for the citizen&apos;s supplement</translation>
    </message>
    <message>
        <location filename="../../ui/due_list.py" line="92"/>
        <source>Cập nhật lúc %1: %2 quá hạn, %3 đến hạn hôm nay, %4 sắp đến hạn, %5 chờ bổ sung.</source>
        <translation>Updated at %1: %2 overdue, %3 due today, %4 due soon, %5 waiting for a supplement.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="208"/>
        <source>Thiết lập lần đầu — tạo quản trị viên</source>
        <translation>First-time setup — create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="209"/>
        <source>Chưa có tài khoản nào. Hãy tạo tài khoản quản trị viên đầu tiên.</source>
        <translation>There are no accounts yet. Create the first administrator account.</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="222"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="223"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="224"/>
        <source>Mật khẩu (ít nhất %1 ký tự):</source>
        <translation>Password (at least %1 characters):</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="226"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat the password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="227"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>FormPrinting</name>
    <message>
        <location filename="../../ui/printing.py" line="88"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="102"/>
        <source>In biểu mẫu</source>
        <translation>Print form</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="107"/>
        <source>Đã gửi %1 trang tới máy in.</source>
        <translation>Sent %1 pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../ui/printing.py" line="126"/>
        <source>Đã in xong trên «%1» (lệnh in %2, khổ %3).</source>
        <translation>Printed on “%1” (job %2, paper %3).</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="215"/>
        <source>Chuyển hồ sơ cho cán bộ xử lý</source>
        <translation>Forward the dossier to the processing officer</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="216"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="217"/>
        <source>Không bắt buộc, ví dụ: chuyển Văn phòng - Thống kê</source>
        <translation>Optional, e.g. forwarded to the Office - Statistics</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="387"/>
        <source>Bưu điện %1</source>
        <translation>%1 post office</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="389"/>
        <source>Quét số hiệu bưu gửi (S10), Enter</source>
        <translation>Scan the item number (S10), Enter</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="392"/>
        <source>Số hiệu</source>
        <translation>Item number</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="392"/>
        <source>Người gửi</source>
        <translation>Sender</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="392"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="392"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="393"/>
        <source>Phí thu hộ</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="393"/>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="401"/>
        <source>Ký biên bản giao nhận (Ctrl+Enter)</source>
        <translation>Sign the hand-over record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="406"/>
        <source>Bên giao (nhân viên bưu chính)</source>
        <translation>Giver (postal employee)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="408"/>
        <source>Họ và tên (*):</source>
        <translation>Full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="409"/>
        <source>Số định danh / mã nhân viên (*):</source>
        <translation>Personal ID / staff number (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="410"/>
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="411"/>
        <source>Bên nhận: %1 (%2)</source>
        <translation>Receiver: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="416"/>
        <source>A: tiếp nhận · B: chưa đầy đủ (Mẫu 02) · T: từ chối (Mẫu 03) · Del: bỏ</source>
        <translation>A: accept · B: incomplete (Form 02) · T: refuse (Form 03) · Del: remove</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="419"/>
        <source>Tiền phí, lệ phí bàn giao:</source>
        <translation>Fees handed over:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="456"/>
        <source>Không nhận được bưu gửi</source>
        <translation>Could not take the item</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="461"/>
        <source>Bưu gửi %1 đã có trong danh sách.</source>
        <translation>Item %1 is already in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="464"/>
        <source>Bưu gửi %1 đã được bàn giao trước đây.</source>
        <translation>Item %1 was handed over before.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="469"/>
        <source>Đã nhận bưu gửi %1: %2 trang.</source>
        <translation>Item %1 taken: %2 pages.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="474"/>
        <source>Tiếp nhận (Mẫu 01)</source>
        <translation>Accept (Form 01)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="474"/>
        <source>Chưa đầy đủ (Mẫu 02)</source>
        <translation>Incomplete (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="475"/>
        <source>Từ chối (Mẫu 03)</source>
        <translation>Refuse (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="491"/>
        <source>(theo các hồ sơ tiếp nhận: %1)</source>
        <translation>(by the accepted dossiers: %1)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="516"/>
        <source>Giấy tờ:</source>
        <translation>Paper:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="516"/>
        <source>Yêu cầu:</source>
        <translation>Requirement:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="516"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="517"/>
        <source>Lý do từ chối:</source>
        <translation>Reason for refusal:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="518"/>
        <source>Hồ sơ %1 chưa đầy đủ (Mẫu 02)</source>
        <translation>Dossier %1 incomplete (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="519"/>
        <source>Từ chối hồ sơ %1 (Mẫu 03)</source>
        <translation>Refuse dossier %1 (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="560"/>
        <source>Chưa ký được biên bản giao nhận</source>
        <translation>The hand-over record could not be signed</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="574"/>
        <source>Biên bản số %1: %2 hồ sơ, %3 tiếp nhận.</source>
        <translation>Record no. %1: %2 dossiers, %3 accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="579"/>
        <source>Biên bản giao nhận hồ sơ số %1</source>
        <translation>Dossier hand-over record no. %1</translation>
    </message>
</context>
<context>
    <name>IdentifyField</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="46"/>
        <source>Họ tên, số định danh — hoặc quét mã QR trên thẻ căn cước</source>
        <translation>Name, personal ID — or scan the QR code on the ID card</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="210"/>
        <source>Mật khẩu không đúng.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="218"/>
        <source>Hãy đăng xuất rồi đăng nhập lại.</source>
        <translation>Log out and sign in again.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="222"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>IncompleteDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="63"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement or complete the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="65"/>
        <source>Đánh dấu (phím cách) mọi thành phần còn thiếu hoặc chưa đúng, rồi ghi yêu cầu và lý do (Tab). Mẫu 02 liệt kê tất cả trong một lần.</source>
        <translation>Tick (Space) every missing or incorrect component, then type the requirement and the reason (Tab). Form 02 lists everything at once.</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="73"/>
        <source>Nộp bổ sung giấy tờ này</source>
        <translation>Hand in this document</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="74"/>
        <source>Chưa có trong hồ sơ</source>
        <translation>Not in the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="75"/>
        <source>Giấy tờ khác</source>
        <translation>Other document</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="75"/>
        <source>ghi rõ trong yêu cầu</source>
        <translation>specify in the requirement</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="77"/>
        <source>Ví dụ: bản sao có chứng thực</source>
        <translation>For example: a certified copy</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="79"/>
        <source>Ví dụ: chỉ có bản chụp</source>
        <translation>For example: only a photocopy</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="81"/>
        <source>Yêu cầu bổ sung, hoàn thiện:</source>
        <translation>Required supplement or correction:</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="82"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="83"/>
        <source>Lập Mẫu 02 (Enter)</source>
        <translation>Issue Form 02 (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="83"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="104"/>
        <source>đã nộp</source>
        <translation>handed in</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="105"/>
        <source>chưa nộp</source>
        <translation>not handed in</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="105"/>
        <source>không bắt buộc, chưa nộp</source>
        <translation>optional, not handed in</translation>
    </message>
</context>
<context>
    <name>IndicatorsDialog</name>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="55"/>
        <source>Chỉ số QĐ 766</source>
        <translation>QĐ 766 indicators</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="69"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="71"/>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="73"/>
        <source>(Enter: tính; Enter trên một chỉ số: các hồ sơ)</source>
        <translation>(Enter: compute; Enter on an indicator: its dossiers)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="77"/>
        <source>Chỉ số</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="77"/>
        <source>Tỷ lệ</source>
        <translation>Rate</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="77"/>
        <source>Tử số / mẫu số</source>
        <translation>Numerator / denominator</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_indicators.py" line="78"/>
        <source>Cách tính</source>
        <translation>Formula</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="79"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="81"/>
        <source>Người đăng nhập: %1 (%2). Nhập mật khẩu để tiếp tục; hồ sơ đang nhập vẫn được giữ.</source>
        <translation>Signed in: %1 (%2). Enter the password to go on; the dossier being entered is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="90"/>
        <source>Mở khóa</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="92"/>
        <source>Đăng xuất</source>
        <translation>Log out</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="113"/>
        <source>Đăng nhập — Bộ phận Một cửa</source>
        <translation>Sign in — One-stop desk</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="119"/>
        <source>Tên đăng nhập:</source>
        <translation>User name:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="120"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="122"/>
        <source>CHẾ ĐỘ ĐÀO TẠO — dữ liệu không gửi lên hệ thống của tỉnh</source>
        <translation>TRAINING MODE — nothing is sent to the provincial system</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="154"/>
        <source>Cần đổi mật khẩu trước khi làm việc.</source>
        <translation>You must change your password before you can work.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="57"/>
        <source>Bộ phận Một cửa — %1</source>
        <translation>One-stop desk — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>CHẾ ĐỘ ĐÀO TẠO (TRAINING) — hồ sơ chỉ gửi tới máy chủ thử nghiệm</source>
        <translation>TRAINING MODE — dossiers go to the sandbox server only</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Lịch nghỉ lễ cần cập nhật</source>
        <translation>Holiday calendar needs updating</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>Đăng nhập: %1 (%2)</source>
        <translation>Signed in: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="129"/>
        <source>&amp;Phiên làm việc</source>
        <translation>&amp;Session</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="130"/>
        <source>Đăng xuất (Ctrl+Shift+Q)</source>
        <translation>Log out (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="190"/>
        <source>Kho lưu trữ thiếu tệp</source>
        <translation>Files missing from the archive</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>%1 tệp được hồ sơ tham chiếu không còn trong kho lưu trữ. Hãy báo quản trị viên.</source>
        <translation>%1 files referenced by dossiers are no longer in the archive. Please tell the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="197"/>
        <source>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ %1 (Mẫu 02)</source>
        <translation>Request to supplement dossier %1 (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="198"/>
        <source>Phiếu từ chối tiếp nhận hồ sơ %1 (Mẫu 03)</source>
        <translation>Refusal to receive dossier %1 (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="228"/>
        <source>Quá hạn: %1 · Đến hạn trong 01 ngày làm việc: %2 (F7)</source>
        <translation>Overdue: %1 · Due within 1 working day: %2 (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="240"/>
        <source>Có %1 hồ sơ quá hạn hoặc đến hạn trong 01 ngày làm việc (F7 để xem danh sách).</source>
        <translation>%1 dossiers are overdue or due within 1 working day (F7 shows the list).</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="244"/>
        <source>Cần lưu ý khi bắt đầu làm việc</source>
        <translation>Before you start</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="248"/>
        <source>Đã hiểu</source>
        <translation>Understood</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="252"/>
        <source>Xem danh sách (F7)</source>
        <translation>Show the list (F7)</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="88"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Receive dossier</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="90"/>
        <source>Bưu chính công ích</source>
        <translation>Public postal service</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="92"/>
        <source>Đối soát cuối ngày</source>
        <translation>End-of-day reconciliation</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="94"/>
        <source>Hồ sơ hôm nay</source>
        <translation>Today&apos;s dossiers</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="96"/>
        <source>Sổ hồ sơ</source>
        <translation>Dossier book</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="98"/>
        <source>Nhận hồ sơ từ bưu điện</source>
        <translation>Dossiers from the post office</translation>
    </message>
    <message>
        <location filename="../../ui/workspaces.py" line="100"/>
        <source>Hạn xử lý</source>
        <translation>Deadlines</translation>
    </message>
</context>
<context>
    <name>OutsideHoursDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="200"/>
        <source>Tiếp nhận ngoài giờ làm việc</source>
        <translation>Receiving outside office hours</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="204"/>
        <source>Lý do tiếp nhận ngoài giờ (bắt buộc)</source>
        <translation>Reason for receiving outside office hours (required)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="205"/>
        <source>Tiếp nhận ngoài giờ</source>
        <translation>Receive outside hours</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="205"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="208"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
</context>
<context>
    <name>PageCapture</name>
    <message>
        <location filename="../../ui/page_capture.py" line="44"/>
        <source>Trang giấy tờ (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Pages (F8 scan, Ctrl+O add from files)</translation>
    </message>
</context>
<context>
    <name>PageViewer</name>
    <message>
        <location filename="../../ui/dossier_view.py" line="115"/>
        <source>Trang %1/%2 — %3 — %4</source>
        <extracomment>action key → the one letter that opens it (shown on the button)</extracomment>
        <translation>Page %1/%2 — %3 — %4</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_view.py" line="118"/>
        <source>Đang mở trang…</source>
        <translation>Opening the page…</translation>
    </message>
</context>
<context>
    <name>PaymentBar</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="49"/>
        <source>Đang tải thông tin phí, lệ phí…</source>
        <translation>Loading fee information…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="51"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="52"/>
        <source>Chuyển khoản (VietQR)</source>
        <translation>Bank transfer (VietQR)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="54"/>
        <source>Số tham chiếu trên sao kê (chuyển khoản)</source>
        <translation>Bank statement reference (transfer)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="55"/>
        <source>Ghi nhận khoản thu</source>
        <translation>Record payment</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="56"/>
        <source>Xác nhận đã thu tiền</source>
        <translation>Confirm payment received</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="57"/>
        <source>In biên lai</source>
        <translation>Print fee receipt</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="117"/>
        <source>Hồ sơ không phải nộp phí, lệ phí.</source>
        <translation>No fee is due for this dossier.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="120"/>
        <source>Phí, lệ phí %1: chưa ghi nhận khoản thu.</source>
        <translation>Fee %1: no payment recorded yet.</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="123"/>
        <source>Biên lai số %1: %2, đã thu (xác nhận bởi %3).</source>
        <translation>Receipt no. %1: %2, paid (confirmed by %3).</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="129"/>
        <source>Biên lai số %1: %2, chờ xác nhận đã thu tiền.</source>
        <translation>Receipt no. %1: %2, awaiting payment confirmation.</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="128"/>
        <source>Từ ngày</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="129"/>
        <source>đến ngày</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="131"/>
        <source>Xem sổ (Enter)</source>
        <translation>Show the book (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="132"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>PostalWorkspace</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="123"/>
        <source>Quét mã vạch trên nhãn bưu gửi (ví dụ EB123456785VN)</source>
        <translation>Scan the barcode on the item label (e.g. EB123456785VN)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="127"/>
        <source>Nhận kết quả qua bưu chính</source>
        <translation>Result delivered by post</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="129"/>
        <source>Địa chỉ nhận kết quả</source>
        <translation>Delivery address for the result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="132"/>
        <source>Thu gom, in Phiếu gửi (Ctrl+Enter)</source>
        <translation>Collect, print the dispatch slip (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="137"/>
        <source>Số hiệu</source>
        <translation>Item number</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="137"/>
        <source>Thu gom lúc</source>
        <translation>Collected at</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="137"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="138"/>
        <source>Trang</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="138"/>
        <source>Phí thu hộ</source>
        <translation>Fee collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="138"/>
        <source>Cước</source>
        <translation>Postal charge</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="141"/>
        <source>Người gửi hồ sơ</source>
        <translation>Sender of the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="143"/>
        <source>Nhận diện công dân:</source>
        <translation>Identify the citizen:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="144"/>
        <source>Họ và tên (*):</source>
        <translation>Full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="145"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="146"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="147"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="148"/>
        <source>Bưu gửi</source>
        <translation>Postal item</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="150"/>
        <source>Số hiệu bưu gửi (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="151"/>
        <source>Phí, lệ phí thu hộ:</source>
        <translation>Fee collected for the agency:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="152"/>
        <source>Cước dịch vụ bưu chính:</source>
        <translation>Postal charge:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="154"/>
        <source>Địa chỉ nhận kết quả:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="157"/>
        <source>Thủ tục hành chính</source>
        <translation>Administrative procedure</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="159"/>
        <source>Thành phần hồ sơ (Space: đã kiểm đủ, Enter: tiếp)</source>
        <translation>Dossier papers (Space: checked, Enter: next)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="171"/>
        <source>Bưu gửi đang chuyển</source>
        <translation>Items in transit</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="212"/>
        <source> (nếu có)</source>
        <translation> (if any)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="227"/>
        <source>Đã đọc thẻ căn cước %1.</source>
        <translation>ID card %1 read.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="249"/>
        <source>Hãy chọn thủ tục hành chính.</source>
        <translation>Choose the administrative procedure.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="253"/>
        <source>Chưa kiểm đủ giấy tờ: %1. Hãy hướng dẫn công dân bổ sung trước khi gửi.</source>
        <translation>Papers not checked: %1. Help the citizen complete them before sending.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="256"/>
        <source>Hãy quét giấy tờ (F8) hoặc thêm tệp ảnh (Ctrl+O).</source>
        <translation>Scan the papers (F8) or add image files (Ctrl+O).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="258"/>
        <source>Máy quét đang chạy; hãy chờ quét xong.</source>
        <translation>The scanner is running; wait until it finishes.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="260"/>
        <source>Hãy quét số hiệu bưu gửi trên nhãn.</source>
        <translation>Scan the item number on the label.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="294"/>
        <source>Chưa thu gom được hồ sơ</source>
        <translation>The dossier could not be collected</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="306"/>
        <source>Đã ghi nhận bưu gửi %1 (đang chuyển).</source>
        <translation>Item %1 recorded (in transit).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="310"/>
        <source>Phiếu gửi hồ sơ %1</source>
        <translation>Dossier dispatch slip %1</translation>
    </message>
</context>
<context>
    <name>PrefillReviewList</name>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Giá trị</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="100"/>
        <source>Nguồn</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="101"/>
        <source>Độ tin cậy</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../ui/identity_widgets.py" line="124"/>
        <source>Giá trị khác:</source>
        <translation>Other values:</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="79"/>
        <source>Tìm thủ tục theo tên hoặc mã (ví dụ: khai sinh, 2.000815)</source>
        <translation>Find a procedure by name or code (e.g. khai sinh, 2.000815)</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Việc</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="37"/>
        <source>Số lần gửi</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Thử lại lúc</source>
        <translation>Retry at</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="38"/>
        <source>Lỗi gần nhất</source>
        <translation>Last error</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="51"/>
        <source> (đã chuyển giám sát)</source>
        <translation> (escalated to supervisor)</translation>
    </message>
</context>
<context>
    <name>QueueMonitor</name>
    <message>
        <location filename="../../ui/queue_monitor.py" line="83"/>
        <source>Hàng đợi gửi lên hệ thống tỉnh</source>
        <translation>Upload queue to the provincial system</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="95"/>
        <source>Chưa xong (mọi trạng thái trừ đã nhận)</source>
        <translation>Unfinished (every state except acknowledged)</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="96"/>
        <source>Tất cả</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="100"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="114"/>
        <source>Gửi ngay</source>
        <translation>Send now</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="116"/>
        <source>Ghi chú cho giám sát</source>
        <translation>Note for the supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="117"/>
        <source>Chuyển giám sát</source>
        <translation>Escalate to supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="124"/>
        <source>Chi tiết</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="130"/>
        <source>Đã xem các thông báo</source>
        <translation>Mark notifications as seen</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="132"/>
        <source>Thông báo từ tỉnh</source>
        <translation>Notifications from the province</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="139"/>
        <source>Hiển thị:</source>
        <translation>Show:</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="205"/>
        <source>Kết nối tỉnh: tốt</source>
        <translation>Provincial link: up</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="205"/>
        <source>Kết nối tỉnh: mất — sẽ tự gửi lại</source>
        <translation>Provincial link: down — will resend automatically</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="206"/>
        <source>Kết nối tỉnh: chưa thử</source>
        <translation>Provincial link: not tried yet</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="232"/>
        <source>Chọn một dòng để xem chi tiết.</source>
        <translation>Select a row to see its details.</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="235"/>
        <source>Hồ sơ: %1</source>
        <translation>Dossier: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="236"/>
        <source>Việc: %1</source>
        <translation>Action: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="237"/>
        <source>Trạng thái: %1</source>
        <translation>State: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="238"/>
        <source>Số lần gửi: %1</source>
        <translation>Attempts: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="239"/>
        <source>Tạo lúc: %1</source>
        <translation>Created at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="242"/>
        <source>Tỉnh xác nhận lúc: %1</source>
        <translation>Acknowledged by the province at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="244"/>
        <source>Tự gửi lại lúc: %1</source>
        <translation>Automatic retry at: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="246"/>
        <source>Lỗi gần nhất: %1</source>
        <translation>Last error: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="248"/>
        <source>Đã chuyển giám sát lúc %1: %2</source>
        <translation>Escalated to the supervisor at %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="250"/>
        <source>Khóa chống trùng: %1</source>
        <translation>Idempotency key: %1</translation>
    </message>
    <message>
        <location filename="../../ui/queue_monitor.py" line="285"/>
        <source>Không thực hiện được: %1</source>
        <translation>Could not do it: %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPreview</name>
    <message>
        <location filename="../../ui/receipt_preview.py" line="146"/>
        <source>Giấy tiếp nhận hồ sơ %1</source>
        <translation>Dossier receipt %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="167"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="168"/>
        <source>In ngay (Ctrl+P)</source>
        <translation>Print now (Ctrl+P)</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="169"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="170"/>
        <source>Xem trước bản in</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="180"/>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="208"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <location filename="../../ui/receipt_preview.py" line="209"/>
        <source>Giấy tiếp nhận %1</source>
        <translation>Receipt %1</translation>
    </message>
</context>
<context>
    <name>ReceptionPanel</name>
    <message>
        <location filename="../../ui/reception_panel.py" line="165"/>
        <source>Để trống nếu chủ hồ sơ tự nộp</source>
        <translation>Leave empty if the applicant submits in person</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="167"/>
        <source>Nhận kết quả qua bưu chính công ích</source>
        <translation>Result delivered through the public postal service</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="169"/>
        <source>Địa chỉ nhận kết quả qua bưu chính</source>
        <translation>Address for delivering the result by post</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="172"/>
        <source>Người nộp hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="174"/>
        <source>Nhận diện công dân:</source>
        <translation>Identify the citizen:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="175"/>
        <source>Họ và tên chủ hồ sơ (*):</source>
        <translation>Applicant&apos;s full name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="176"/>
        <source>Số định danh cá nhân:</source>
        <translation>Personal ID number:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="177"/>
        <source>Địa chỉ:</source>
        <translation>Address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="178"/>
        <source>Số điện thoại:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="179"/>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="180"/>
        <source>Người nộp thay:</source>
        <translation>Submitted on behalf by:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="182"/>
        <source>Địa chỉ nhận kết quả:</source>
        <translation>Delivery address:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="187"/>
        <source>Tờ khai điện tử (điền sẵn — dòng vàng cần xác nhận)</source>
        <translation>E-form (pre-filled — confirm the yellow rows)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="198"/>
        <source>Thành phần hồ sơ</source>
        <translation>Dossier components</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="202"/>
        <source>Số trang bản chính:</source>
        <translation>Pages of the original:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="204"/>
        <source>Số bản sao:</source>
        <translation>Number of copies:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="217"/>
        <source>Trang đã số hóa (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Digitised pages (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="225"/>
        <source>Yêu cầu bổ sung (Ctrl+Shift+B)</source>
        <translation>Request supplement (Ctrl+Shift+B)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="227"/>
        <source>Từ chối (Ctrl+Shift+T)</source>
        <translation>Refuse (Ctrl+Shift+T)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="304"/>
        <source> — hẹn trả dự kiến %1</source>
        <translation> — expected return %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="327"/>
        <source>Đã đọc thẻ căn cước %1.</source>
        <translation>ID card %1 read.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="345"/>
        <source>Đã điền thông tin công dân %1 từ dữ liệu đã có.</source>
        <translation>Filled in citizen %1 from the data already held.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="349"/>
        <source>Có %1 công dân phù hợp: %2. Hãy nhập số định danh.</source>
        <translation>%1 citizens match: %2. Enter the personal ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="353"/>
        <source>Không tìm thấy công dân; hãy nhập thông tin.</source>
        <translation>No citizen found; please enter the details.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="388"/>
        <source>Đã khôi phục %1 trang quét chưa được tiếp nhận.</source>
        <translation>Recovered %1 scanned page(s) not yet accepted.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="502"/>
        <source>Đang lưu hồ sơ…</source>
        <translation>Saving the dossier…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="530"/>
        <source>Đã lưu hồ sơ %1; đang lập biểu mẫu…</source>
        <translation>Dossier %1 saved; preparing the form…</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="540"/>
        <source>Hồ sơ %1 đã được lưu nhưng chưa lập được biểu mẫu. Nhấn lại phím tắt vừa dùng để lập lại (không tạo hồ sơ mới).</source>
        <translation>Dossier %1 is saved but its form could not be prepared. Press the same shortcut again to retry (no new dossier is created).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="592"/>
        <source>Chưa lưu được hồ sơ</source>
        <translation>The dossier was not saved</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="229"/>
        <source>Tiếp nhận hồ sơ (Ctrl+Enter)</source>
        <translation>Accept dossier (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="240"/>
        <source>Thủ tục hành chính:</source>
        <translation>Administrative procedure:</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="301"/>
        <source>Thời hạn giải quyết: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="471"/>
        <source>Hãy chọn thủ tục hành chính trước.</source>
        <translation>Choose the administrative procedure first.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="474"/>
        <source>Máy quét đang chạy; hãy chờ quét xong (hoặc Esc để dừng).</source>
        <translation>The scanner is running; wait until it finishes (or press Esc to stop).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="552"/>
        <source>Đã tiếp nhận hồ sơ %1, hẹn trả %2.</source>
        <translation>Dossier %1 accepted, result due %2.</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="555"/>
        <source>Hồ sơ %1: đã lập phiếu yêu cầu bổ sung, hoàn thiện (Mẫu 02).</source>
        <translation>Dossier %1: request to supplement issued (Form 02).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="557"/>
        <source>Hồ sơ %1: đã lập phiếu từ chối tiếp nhận (Mẫu 03).</source>
        <translation>Dossier %1: refusal to receive issued (Form 03).</translation>
    </message>
    <message>
        <location filename="../../ui/reception_panel.py" line="559"/>
        <source> Lưu ý: %1 trường tờ khai chưa được xác nhận.</source>
        <translation> Note: %1 e-form fields were not confirmed.</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="154"/>
        <source>Từ chối tiếp nhận hồ sơ (Mẫu 03)</source>
        <translation>Refuse to receive the dossier (Form 03)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="156"/>
        <source>Lý do từ chối tiếp nhận</source>
        <translation>Reason for refusing</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="159"/>
        <source>Thủ tục hành chính không thuộc thẩm quyền giải quyết của cơ quan</source>
        <translation>The procedure is not within this agency&apos;s competence</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="160"/>
        <source>Hồ sơ đã được giải quyết hoặc đang được giải quyết theo quy định</source>
        <translation>The matter has been or is being handled already</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="161"/>
        <source>Người nộp không phải người có yêu cầu và không có giấy ủy quyền hợp lệ</source>
        <translation>The person submitting is not the applicant and has no valid authorisation</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="162"/>
        <source>Nội dung yêu cầu trái với quy định của pháp luật</source>
        <translation>The request is contrary to the law</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="168"/>
        <source>Lập Mẫu 03 (Enter)</source>
        <translation>Issue Form 03 (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="168"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/counter_dialogs.py" line="170"/>
        <source>Lý do (nhập, hoặc Tab rồi đánh dấu lý do thường gặp bằng phím cách):</source>
        <translation>Reason (type it, or Tab and tick a common reason with Space):</translation>
    </message>
</context>
<context>
    <name>ResultDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="441"/>
        <source>Nhận kết quả giải quyết (bản giấy)</source>
        <translation>Receive the result (on paper)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="442"/>
        <source>Kết quả giấy được số hóa (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Paper result, digitised (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="443"/>
        <source>Giấy tờ kết quả (mỗi dòng một giấy) (*):</source>
        <translation>Result papers (one per line) (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="444"/>
        <source>Ví dụ: Giấy khai sinh (bản chính)</source>
        <translation>E.g. Birth certificate (original)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="451"/>
        <source>Hãy ghi tên giấy tờ kết quả.</source>
        <translation>Write the names of the result papers.</translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <location filename="../../ui/dossier_book.py" line="48"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="48"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="48"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="48"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Ngày nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="49"/>
        <source>Tìm thấy theo</source>
        <translation>Found by</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>mã hồ sơ</source>
        <translation>dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>số định danh</source>
        <translation>personal ID</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="50"/>
        <source>họ tên</source>
        <translation>name</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="51"/>
        <source>nội dung giấy tờ</source>
        <translation>page text</translation>
    </message>
    <message>
        <location filename="../../ui/dossier_book.py" line="51"/>
        <source>bộ lọc</source>
        <translation>filter</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="317"/>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Receive the supplement</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="318"/>
        <source>Giấy tờ công dân bổ sung (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Papers brought by the citizen (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="319"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="321"/>
        <source>Thời hạn giải quyết tính lại từ lúc nhận đủ hồ sơ; công dân nhận giấy hẹn mới (Mẫu 01).</source>
        <translation>The time limit restarts from the moment the dossier is complete; the citizen gets a new appointment slip (Form 01).</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="461"/>
        <source>Trả kết quả cho công dân</source>
        <translation>Return the result to the citizen</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="462"/>
        <source>Giấy ủy quyền (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>Authorisation (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="465"/>
        <source>Kết quả: %1</source>
        <translation>Result: %1</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="467"/>
        <source>Họ tên người nhận (*):</source>
        <translation>Receiver&apos;s name (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="468"/>
        <source>Số định danh người nhận (*):</source>
        <translation>Receiver&apos;s personal ID (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="472"/>
        <source>Thu phí, lệ phí còn nợ: %1 (tiền mặt)</source>
        <translation>Collect the fee still due: %1 (cash)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="475"/>
        <source>Người nhận không phải chủ hồ sơ: kiểm tra và quét giấy ủy quyền.</source>
        <translation>The receiver is not the applicant: check and scan the authorisation.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="494"/>
        <source>Hãy nhập họ tên và số định danh của người nhận kết quả.</source>
        <translation>Enter the receiver&apos;s name and personal ID.</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../ui/scan_panel.py" line="150"/>
        <source>Quét (F8)</source>
        <translation>Scan (F8)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="151"/>
        <source>Dừng (Esc)</source>
        <translation>Stop (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="152"/>
        <source>Thêm từ tệp (Insert)</source>
        <translation>Add from file (Insert)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="153"/>
        <source>Quét lại trang (F9)</source>
        <translation>Rescan page (F9)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="159"/>
        <source>R xoay · B trang trắng · Del xóa · Ctrl+↑/↓ đổi thứ tự</source>
        <translation>R rotate · B blank page · Del delete · Ctrl+↑/↓ reorder</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="249"/>
        <source>Chưa chọn máy quét; hãy cấu hình thiết bị quét.</source>
        <translation>No scanner chosen; please configure the scanning device.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="274"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="284"/>
        <source>Đang tìm máy quét…</source>
        <translation>Looking for scanners…</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="287"/>
        <source>Tìm thấy %1 thiết bị</source>
        <translation>%1 device(s) found</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="314"/>
        <source>Đã quét %1 trang</source>
        <translation>%1 page(s) scanned</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="327"/>
        <source>Xong lượt quét: %1 trang; tổng %2 trang.</source>
        <translation>Batch done: %1 page(s); %2 in total.</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="336"/>
        <source>Thêm trang từ tệp</source>
        <translation>Add pages from files</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="337"/>
        <source>Ảnh hoặc PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;Tất cả (*)</source>
        <translation>Images or PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf *.bmp);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="452"/>
        <source>Trang %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../ui/scan_panel.py" line="454"/>
        <source> · trắng</source>
        <translation> · blank</translation>
    </message>
</context>
<context>
    <name>SendResultsBox</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="664"/>
        <source>Mã hồ sơ (quét mã QR trên giấy hẹn)</source>
        <translation>Dossier code (scan the QR on the appointment slip)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="666"/>
        <source>Số hiệu bưu gửi trả kết quả</source>
        <translation>Item number of the returned result</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="669"/>
        <source>Mã hồ sơ:</source>
        <translation>Dossier code:</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="670"/>
        <source>Số hiệu (S10):</source>
        <translation>Item number (S10):</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="672"/>
        <source>Ctrl+Shift+G: giao kết quả cho nhân viên bưu chính · Ctrl+Shift+U: kết quả bưu chính chuyển hoàn (số hiệu S10)</source>
        <translation>Ctrl+Shift+G: hand the results to the postal employee · Ctrl+Shift+U: result returned by the post (S10)</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="695"/>
        <source>Kết quả hồ sơ %1 đã về Bộ phận Một cửa; công dân nhận tại quầy.</source>
        <translation>The result of dossier %1 is back at the desk; the citizen collects it at the counter.</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="701"/>
        <source>Chưa ghi nhận được</source>
        <translation>Could not be recorded</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="710"/>
        <source>Đã giao %1 kết quả cho bưu chính (lô %2).</source>
        <translation>%1 results handed to the post (batch %2).</translation>
    </message>
    <message>
        <location filename="../../ui/postal_workspace.py" line="718"/>
        <source>Chưa giao được kết quả</source>
        <translation>The results could not be handed over</translation>
    </message>
</context>
<context>
    <name>StopDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="410"/>
        <source>Thông báo dừng giải quyết hồ sơ</source>
        <translation>Notice of stopping the processing</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="411"/>
        <source>Lý do (mỗi dòng một lý do) (*):</source>
        <translation>Reasons (one per line) (*):</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="417"/>
        <source>Hãy nêu lý do dừng giải quyết.</source>
        <translation>Give the reason for stopping.</translation>
    </message>
</context>
<context>
    <name>SupervisorDay</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="166"/>
        <source>Ngày đối soát:</source>
        <extracomment>emitted after each report is shown (tests and the main window follow it)</extracomment>
        <translation>Day to reconcile:</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="173"/>
        <source>Đối soát (Enter, F5)</source>
        <translation>Reconcile (Enter, F5)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="174"/>
        <source>Kiểm đếm tiền mặt (Ctrl+M)</source>
        <translation>Cash count (Ctrl+M)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="175"/>
        <source>Giải trình (E)</source>
        <translation>Explain (E)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="176"/>
        <source>Khoá sổ ngày (Ctrl+K)</source>
        <translation>Close the day (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="177"/>
        <source>Mở lại ngày (Ctrl+Shift+R)</source>
        <translation>Reopen the day (Ctrl+Shift+R)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="178"/>
        <source>Chỉ số QĐ 766 (Ctrl+I)</source>
        <translation>QĐ 766 indicators (Ctrl+I)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="190"/>
        <source>Mục / vấn đề</source>
        <translation>Section / problem</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="190"/>
        <location filename="../../ui/supervisor_day.py" line="333"/>
        <source>Giải trình</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="252"/>
        <source>Ngày chưa khoá sổ: %1</source>
        <translation>Days not closed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="271"/>
        <source>ĐÃ KHOÁ SỔ</source>
        <translation>CLOSED</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="271"/>
        <source>chưa khoá sổ</source>
        <translation>not closed</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="274"/>
        <source>Ngày %1 (%2): %3 hồ sơ, %4 trang; tiền mặt đã thu %5, kiểm đếm %6; %7 vấn đề, %8 chưa giải trình.</source>
        <translation>Day %1 (%2): %3 dossiers, %4 pages; cash collected %5, counted %6; %7 problems, %8 not explained.</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="282"/>
        <source>bỏ trống: %1</source>
        <translation>gaps: %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="285"/>
        <source>biên lai %1, huỷ %2, chờ %3</source>
        <translation>receipts %1, cancelled %2, pending %3</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="296"/>
        <source>%1 vấn đề, %2 chưa giải trình</source>
        <translation>%1 problems, %2 not explained</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="304"/>
        <source>CHƯA GIẢI TRÌNH</source>
        <translation>NOT EXPLAINED</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="333"/>
        <source>Lời giải trình (lưu vào biên bản đối soát):</source>
        <translation>Explanation (kept in the reconciliation report):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="392"/>
        <source>Biên bản đối soát ngày %1</source>
        <translation>Reconciliation report of %1</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="404"/>
        <source>Mở lại ngày đã khoá sổ</source>
        <translation>Reopen a closed day</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="404"/>
        <source>Lý do mở lại (ghi vào nhật ký):</source>
        <translation>Reason for reopening (recorded in the audit log):</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="436"/>
        <source>Sổ theo dõi hồ sơ</source>
        <translation>Dossier tracking book</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="458"/>
        <source>Sổ theo dõi hồ sơ %1</source>
        <translation>Dossier tracking book %1</translation>
    </message>
</context>
<context>
    <name>SupplementDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="293"/>
        <source>Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</source>
        <translation>Request to supplement the dossier (Form 02)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="294"/>
        <source>Liệt kê MỘT LẦN tất cả giấy tờ cần bổ sung. F2 sửa ô, Tab sang ô sau, Ctrl+N thêm dòng, Ctrl+Del xóa dòng.</source>
        <translation>List ALL the missing papers AT ONCE. F2 edits a cell, Tab moves on, Ctrl+N adds a row, Ctrl+Del removes one.</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="301"/>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="308"/>
        <source>Hãy ghi ít nhất một giấy tờ cần bổ sung (thành phần hoặc nội dung).</source>
        <translation>Write at least one paper to supplement (component or what is required).</translation>
    </message>
</context>
<context>
    <name>TextDialog</name>
    <message>
        <location filename="../../ui/supervisor_day.py" line="66"/>
        <source>Lưu (Enter)</source>
        <translation>Save (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/supervisor_day.py" line="67"/>
        <source>Huỷ (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>TodayModel</name>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Giờ nhận</source>
        <translation>Received at</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Chủ hồ sơ</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="19"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/today_list.py" line="20"/>
        <source>Hẹn trả</source>
        <translation>Due</translation>
    </message>
</context>
<context>
    <name>WithdrawDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="426"/>
        <source>Công dân rút hồ sơ</source>
        <translation>The citizen withdraws the dossier</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="427"/>
        <source>Đơn đề nghị rút hồ sơ có chữ ký của công dân (F8 quét, Ctrl+O thêm từ tệp)</source>
        <translation>The citizen&apos;s signed withdrawal request (F8 scan, Ctrl+O add from files)</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="428"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="428"/>
        <source>Công dân đề nghị rút hồ sơ</source>
        <translation>The citizen asks to withdraw the dossier</translation>
    </message>
</context>
<context>
    <name>_CaptureDialog</name>
    <message>
        <location filename="../../ui/action_dialogs.py" line="192"/>
        <source>Máy quét đang chạy; hãy chờ quét xong (Esc trong danh sách trang để dừng).</source>
        <translation>The scanner is running; wait until it finishes (Esc in the page list stops it).</translation>
    </message>
    <message>
        <location filename="../../ui/action_dialogs.py" line="195"/>
        <source>Hãy quét (F8) hoặc thêm tệp (Ctrl+O) các trang giấy tờ trước.</source>
        <translation>Scan (F8) or add files (Ctrl+O) with the pages first.</translation>
    </message>
</context>
<context>
    <name>_FormDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="51"/>
        <source>Đồng ý</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="52"/>
        <source>Hủy</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="106"/>
        <source>Lỗi không mong muốn: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>_Texts</name>
    <message>
        <location filename="../../ui/operations.py" line="45"/>
        <source>Chưa thực hiện được</source>
        <extracomment>codes of the dossiers that changed (an empty list: &quot;something changed, reload&quot;)</extracomment>
        <translation>Not done</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="48"/>
        <source>Đã hiểu</source>
        <translation>Understood</translation>
    </message>
    <message>
        <location filename="../../ui/operations.py" line="51"/>
        <source>Lỗi không mong muốn: %1. Những gì đã nhập vẫn còn nguyên; hãy thử lại, nếu lỗi lặp lại hãy báo quản trị viên.</source>
        <translation>Unexpected error: %1. Nothing you typed was lost; try again, and tell the administrator if it happens again.</translation>
    </message>
</context>
<context>
    <name>screen</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="659"/>
        <source>Gửi kết quả qua bưu chính</source>
        <translation>Send results by post</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../ui/sync_integration.py" line="121"/>
        <source>Đồng bộ với tỉnh (F6)</source>
        <translation>Provincial sync (F6)</translation>
    </message>
</context>
<context>
    <name>workspace</name>
    <message>
        <location filename="../../ui/postal_workspace.py" line="596"/>
        <source>Phát kết quả qua bưu chính</source>
        <translation>Deliver results by post</translation>
    </message>
</context>
</TS>
