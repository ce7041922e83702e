"""The `holidays` package's public holidays of France (0.109), each calendar's by year (days and names
in en_US), written by `python -m registre.law.calendar` and compared with the package by
tests/law/test_calendar.py: never edit it by hand; `calendar._reference_corrections` corrects it to the
reference."""

FIRST, LAST = 2015, 2050
DAYS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    'metropole': (
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-28', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('04-13', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-21', 'Ascension Day'), ('06-01', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('04-05', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('04-01', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('04-21', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('04-07', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-30', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('04-15', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('04-19', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2050
    ),
    'alsace-moselle': (
        (('01-01', "New Year's Day"), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2015
        (('01-01', "New Year's Day"), ('03-25', 'Good Friday'), ('03-28', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-05', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2016
        (('01-01', "New Year's Day"), ('04-14', 'Good Friday'), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2017
        (('01-01', "New Year's Day"), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2018
        (('01-01', "New Year's Day"), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2019
        (('01-01', "New Year's Day"), ('04-10', 'Good Friday'), ('04-13', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-21', 'Ascension Day'), ('06-01', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2020
        (('01-01', "New Year's Day"), ('04-02', 'Good Friday'), ('04-05', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2021
        (('01-01', "New Year's Day"), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2022
        (('01-01', "New Year's Day"), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2023
        (('01-01', "New Year's Day"), ('03-29', 'Good Friday'), ('04-01', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2024
        (('01-01', "New Year's Day"), ('04-18', 'Good Friday'), ('04-21', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2025
        (('01-01', "New Year's Day"), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2026
        (('01-01', "New Year's Day"), ('03-26', 'Good Friday'), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2027
        (('01-01', "New Year's Day"), ('04-14', 'Good Friday'), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2028
        (('01-01', "New Year's Day"), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2029
        (('01-01', "New Year's Day"), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2030
        (('01-01', "New Year's Day"), ('04-11', 'Good Friday'), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2031
        (('01-01', "New Year's Day"), ('03-26', 'Good Friday'), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2032
        (('01-01', "New Year's Day"), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2033
        (('01-01', "New Year's Day"), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2034
        (('01-01', "New Year's Day"), ('03-23', 'Good Friday'), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2035
        (('01-01', "New Year's Day"), ('04-11', 'Good Friday'), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2036
        (('01-01', "New Year's Day"), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2037
        (('01-01', "New Year's Day"), ('04-23', 'Good Friday'), ('04-26', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2038
        (('01-01', "New Year's Day"), ('04-08', 'Good Friday'), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2039
        (('01-01', "New Year's Day"), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2040
        (('01-01', "New Year's Day"), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2041
        (('01-01', "New Year's Day"), ('04-04', 'Good Friday'), ('04-07', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2042
        (('01-01', "New Year's Day"), ('03-27', 'Good Friday'), ('03-30', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-07', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2043
        (('01-01', "New Year's Day"), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2044
        (('01-01', "New Year's Day"), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2045
        (('01-01', "New Year's Day"), ('03-23', 'Good Friday'), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2046
        (('01-01', "New Year's Day"), ('04-12', 'Good Friday'), ('04-15', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2047
        (('01-01', "New Year's Day"), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2048
        (('01-01', "New Year's Day"), ('04-16', 'Good Friday'), ('04-19', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2049
        (('01-01', "New Year's Day"), ('04-08', 'Good Friday'), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'),
         ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'), ('12-26', "Saint Stephen's Day"),),  # 2050
    ),
    'guadeloupe': (
        (('01-01', "New Year's Day"), ('03-12', 'Mi-Careme'), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-03', 'Mi-Careme'), ('03-25', 'Good Friday'), ('03-28', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('03-23', 'Mi-Careme'), ('04-14', 'Good Friday'), ('04-17', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('03-08', 'Mi-Careme'), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('03-28', 'Mi-Careme'), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('03-19', 'Mi-Careme'), ('04-10', 'Good Friday'), ('04-13', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-21', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-01', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('03-11', 'Mi-Careme'), ('04-02', 'Good Friday'), ('04-05', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('03-24', 'Mi-Careme'), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('03-16', 'Mi-Careme'), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('03-07', 'Mi-Careme'), ('03-29', 'Good Friday'), ('04-01', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('03-27', 'Mi-Careme'), ('04-18', 'Good Friday'), ('04-21', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('03-12', 'Mi-Careme'), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-04', 'Mi-Careme'), ('03-26', 'Good Friday'), ('03-29', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('03-23', 'Mi-Careme'), ('04-14', 'Good Friday'), ('04-17', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('03-08', 'Mi-Careme'), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('03-28', 'Mi-Careme'), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('03-20', 'Mi-Careme'), ('04-11', 'Good Friday'), ('04-14', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-04', 'Mi-Careme'), ('03-26', 'Good Friday'), ('03-29', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('03-24', 'Mi-Careme'), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('03-16', 'Mi-Careme'), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-01', 'Mi-Careme'), ('03-23', 'Good Friday'), ('03-26', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('03-20', 'Mi-Careme'), ('04-11', 'Good Friday'), ('04-14', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('03-12', 'Mi-Careme'), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-01', 'Mi-Careme'), ('04-23', 'Good Friday'), ('04-26', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('03-17', 'Mi-Careme'), ('04-08', 'Good Friday'), ('04-11', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('03-08', 'Mi-Careme'), ('03-30', 'Good Friday'), ('04-02', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('03-28', 'Mi-Careme'), ('04-19', 'Good Friday'), ('04-22', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('03-13', 'Mi-Careme'), ('04-04', 'Good Friday'), ('04-07', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-05', 'Mi-Careme'), ('03-27', 'Good Friday'), ('03-30', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('03-24', 'Mi-Careme'), ('04-15', 'Good Friday'), ('04-18', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('03-16', 'Mi-Careme'), ('04-07', 'Good Friday'), ('04-10', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-01', 'Mi-Careme'), ('03-23', 'Good Friday'), ('03-26', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('03-21', 'Mi-Careme'), ('04-12', 'Good Friday'), ('04-15', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-23', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('06-03', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('03-12', 'Mi-Careme'), ('04-03', 'Good Friday'), ('04-06', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('05-27', 'Abolition of Slavery'), ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('03-25', 'Mi-Careme'), ('04-16', 'Good Friday'), ('04-19', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Abolition of Slavery'),
         ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('03-17', 'Mi-Careme'), ('04-08', 'Good Friday'), ('04-11', 'Easter Monday'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'),
         ('05-27', 'Abolition of Slavery'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2050
    ),
    'martinique': (
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-28', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('04-13', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-21', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('06-01', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('04-05', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-13', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-24', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('04-01', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('04-21', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('04-07', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-15', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-26', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-30', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('05-22', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('04-15', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('04-19', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Abolition of Slavery'), ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-22', 'Abolition of Slavery'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('07-21', 'Victor Schoelcher Day'), ('08-15', 'Assumption Day'),
         ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2050
    ),
    'guyane': (
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-28', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Abolition of Slavery'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('04-13', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-21', 'Ascension Day'), ('06-01', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('04-05', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('04-01', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('04-21', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Abolition of Slavery'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('06-03', 'Ascension Day'), ('06-10', 'Abolition of Slavery'), ('06-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Abolition of Slavery'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('04-07', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-30', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('04-15', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('04-19', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('06-10', 'Abolition of Slavery'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2050
    ),
    'la-reunion': (
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-28', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('04-13', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-21', 'Ascension Day'), ('06-01', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('04-05', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('04-01', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('04-21', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('04-07', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-30', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'),
         ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('04-15', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('04-19', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('05-01', 'Labor Day'), ('05-08', 'Victory Day'),
         ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'), ('07-14', 'National Day'),
         ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"), ('11-11', 'Armistice Day'),
         ('12-20', 'Abolition of Slavery'), ('12-25', 'Christmas Day'),),  # 2050
    ),
    'mayotte': (
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2015
        (('01-01', "New Year's Day"), ('03-28', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-05', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-16', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2016
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2017
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2018
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2019
        (('01-01', "New Year's Day"), ('04-13', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-21', 'Ascension Day'), ('06-01', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2020
        (('01-01', "New Year's Day"), ('04-05', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-13', 'Ascension Day'), ('05-24', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2021
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2022
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2023
        (('01-01', "New Year's Day"), ('04-01', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-09', 'Ascension Day'), ('05-20', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2024
        (('01-01', "New Year's Day"), ('04-21', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-29', 'Ascension Day'), ('06-09', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2025
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2026
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2027
        (('01-01', "New Year's Day"), ('04-17', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-25', 'Ascension Day'), ('06-05', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2028
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2029
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2030
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2031
        (('01-01', "New Year's Day"), ('03-29', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-06', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-17', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2032
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2033
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2034
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2035
        (('01-01', "New Year's Day"), ('04-14', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-22', 'Ascension Day'), ('06-02', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2036
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2037
        (('01-01', "New Year's Day"), ('04-26', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('06-03', 'Ascension Day'), ('06-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2038
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2039
        (('01-01', "New Year's Day"), ('04-02', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-10', 'Ascension Day'), ('05-21', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2040
        (('01-01', "New Year's Day"), ('04-22', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-30', 'Ascension Day'), ('06-10', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2041
        (('01-01', "New Year's Day"), ('04-07', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-15', 'Ascension Day'), ('05-26', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2042
        (('01-01', "New Year's Day"), ('03-30', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-07', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-18', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2043
        (('01-01', "New Year's Day"), ('04-18', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-26', 'Ascension Day'), ('06-06', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2044
        (('01-01', "New Year's Day"), ('04-10', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-18', 'Ascension Day'), ('05-29', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2045
        (('01-01', "New Year's Day"), ('03-26', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-03', 'Ascension Day'), ('05-08', 'Victory Day'), ('05-14', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2046
        (('01-01', "New Year's Day"), ('04-15', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-23', 'Ascension Day'), ('06-03', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2047
        (('01-01', "New Year's Day"), ('04-06', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-14', 'Ascension Day'), ('05-25', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2048
        (('01-01', "New Year's Day"), ('04-19', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-27', 'Ascension Day'), ('06-07', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2049
        (('01-01', "New Year's Day"), ('04-11', 'Easter Monday'), ('04-27', 'Abolition of Slavery'),
         ('05-01', 'Labor Day'), ('05-08', 'Victory Day'), ('05-19', 'Ascension Day'), ('05-30', 'Pentecost Monday'),
         ('07-14', 'National Day'), ('08-15', 'Assumption Day'), ('11-01', "All Saints' Day"),
         ('11-11', 'Armistice Day'), ('12-25', 'Christmas Day'),),  # 2050
    ),
}
